//go:build tools

// Package tools pins the Vault server the CI harness builds (go build github.com/hashicorp/vault).
package tools

import _ "github.com/hashicorp/vault"
