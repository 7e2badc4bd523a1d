//go:build tools

// Package tools pins promtool at the Prometheus version the configs run (v0.55.1 is 2.55.1).
package tools

import _ "github.com/prometheus/prometheus/cmd/promtool"
