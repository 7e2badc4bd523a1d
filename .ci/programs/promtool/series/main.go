// Command series reads PromQL expressions, one JSON object {"source": ..., "expr": ...} per line,
// and prints for each the metric names it selects and the label keys it names (in matchers, in
// by/without and in on/ignoring), parsed by the PromQL parser of the Prometheus version the
// configs pin. Used by the real-programs harness to compare rules and dashboards with real scrapes.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

type query struct {
	Source string `json:"source"`
	Expr   string `json:"expr"`
}

type result struct {
	Source  string              `json:"source"`
	Expr    string              `json:"expr"`
	Metrics []string            `json:"metrics"`
	Labels  map[string][]string `json:"labels"`
	Grouped []string            `json:"grouped"`
	Error   string              `json:"error,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var q query
		if err := json.Unmarshal(in.Bytes(), &q); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		r := result{Source: q.Source, Expr: q.Expr, Labels: map[string][]string{}}
		expr, err := parser.ParseExpr(q.Expr)
		if err != nil {
			r.Error = err.Error()
			_ = out.Encode(r)
			continue
		}
		metrics, grouped := map[string]bool{}, map[string]bool{}
		parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
			switch n := node.(type) {
			case *parser.VectorSelector:
				name := n.Name
				for _, m := range n.LabelMatchers {
					if m.Name == labels.MetricName && m.Type == labels.MatchEqual {
						name = m.Value
					}
				}
				metrics[name] = true
				for _, m := range n.LabelMatchers {
					if m.Name != labels.MetricName {
						r.Labels[name] = append(r.Labels[name], m.Name)
					}
				}
			case *parser.AggregateExpr:
				for _, g := range n.Grouping {
					grouped[g] = true
				}
			case *parser.BinaryExpr:
				if n.VectorMatching != nil {
					for _, g := range n.VectorMatching.MatchingLabels {
						grouped[g] = true
					}
				}
			}
			return nil
		})
		r.Metrics = keys(metrics)
		r.Grouped = keys(grouped)
		_ = out.Encode(r)
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
