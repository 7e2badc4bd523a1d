# The Vault side of the secrets wiring of cluster "${cluster}": a KV v2 engine at every mount the config
# reads from, Kubernetes auth, and for each workload a role bound to its ServiceAccount with a policy
# that reads only its own paths. Every role takes only tokens made for Vault (audience "${audience}": the
# pods' projected vault-token volume), never a pod's API token.
# Apply once Vault is initialized and unsealed, and again whenever this file changes:
#
#   kubectl -n ${namespace} exec -i vault-0 -- env VAULT_TOKEN=<operator token> sh -s < clusters/${cluster}/vault-policies.sh
#
set -eu

<#list mounts as mount>
vault secrets list | grep -q '^${mount}/' || vault secrets enable -path=${mount} kv-v2
</#list>
vault auth list | grep -q '^kubernetes/' || vault auth enable kubernetes
vault write auth/kubernetes/config kubernetes_host="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"
<#list roles as role>

vault policy write neotool-${role.name} - <<'POLICY'
<#list role.paths as path>
path "${path}" {
  capabilities = ["read"]
}
</#list>
POLICY
vault write auth/kubernetes/role/${role.name} \
  bound_service_account_names=${role.name} \
  bound_service_account_namespaces=${namespace} \
  audience=${audience} \
  policies=neotool-${role.name} \
  ttl=1h
</#list>
