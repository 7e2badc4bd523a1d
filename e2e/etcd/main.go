// Command etcd is etcd's server, built from its Go module at the version in go.mod, for the e2e
// control plane (the project takes nothing from outside the package registries).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
