//go:build tools

// Package tools pins kube-state-metrics for the control plane of e2e: the chart the configs pin
// (prometheus 25.30.2) runs 2.14.0, which the module proxy refuses; 2.15.0 is the nearest it serves.
package tools

import _ "k8s.io/kube-state-metrics/v2"
