//go:build tools

// Package controlplane pins the Kubernetes control plane that the e2e harness builds: etcd is in
// ../etcd; kube-apiserver and kube-controller-manager come from k8s.io/kubernetes at the version in
// go.mod, whose staging modules are replaced by their published v0.x.y twins (as its own go.mod
// replaces them by folders). Built with: go build -o <bin> k8s.io/kubernetes/cmd/<name>
package controlplane

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager/app"
)
