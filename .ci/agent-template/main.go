// Renders a Vault agent template the way the agent's template engine (consul-template) does for the
// functions the generated templates use: Go's text/template with `secret` (a KV v2 read: .Data.data)
// and consul-template's `replaceAll` (strings.Replace, every occurrence), for CI's checks of what the
// programs reading the rendered files accept. Usage: agent-template <template file> <secret JSON>.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/template"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: agent-template <template file> <secret data as JSON>")
		os.Exit(2)
	}
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var data map[string]interface{}
	if err := json.Unmarshal([]byte(os.Args[2]), &data); err != nil {
		panic(err)
	}
	funcs := template.FuncMap{
		"secret": func(path string) map[string]interface{} {
			return map[string]interface{}{"Data": map[string]interface{}{"data": data}}
		},
		"replaceAll": func(f, t, s string) (string, error) { return strings.Replace(s, f, t, -1), nil },
	}
	t := template.Must(template.New("agent").Funcs(funcs).Parse(string(text)))
	if err := t.Execute(os.Stdout, nil); err != nil {
		panic(err)
	}
}
