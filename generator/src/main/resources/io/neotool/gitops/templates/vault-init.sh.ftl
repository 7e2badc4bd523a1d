<#if shares == "recovery">
# Initialises the Vault of cluster "${cluster}" once. It unseals itself (its seal "transit"); the
# ${operators?size} recovery key share<#if operators?size != 1>s</#if> (${threshold} of which authorise a new root token or a seal migration)
# are each encrypted to one operator's OpenPGP key, the root token to ${rootToken}'s: Vault prints no
# key in clear. The response holds them under recovery_keys_base64.
<#else>
# Initialises the Vault of cluster "${cluster}" once: ${operators?size} unseal key share<#if operators?size != 1>s</#if>, ${threshold} of which unseal it,
# each encrypted to one operator's OpenPGP key, and the root token encrypted to ${rootToken}'s: Vault
# prints no key in clear.
</#if>
# Run it where Vault answers (after the port-forward the runbook gives):
#
#   kubectl -n ${namespace} port-forward svc/vault 8200:8200 &
#   VAULT_ADDR=http://127.0.0.1:8200 sh clusters/${cluster}/vault-init.sh > vault-init-${cluster}.json
#
# Keep the response (it holds only encrypted material) where the operators can read it. Share i of
# its ${(shares == "recovery")?then("recovery_keys_base64", "keys_base64")} belongs to:
<#list operators as o>
#   ${o?index}  ${o.name}  (key ${o.fingerprint})
</#list>
<#if shares == "recovery">
# Each operator decrypts their own when a quorum is asked for:
#   jq -r '.recovery_keys_base64[<i>]' vault-init-${cluster}.json | base64 -d | gpg -dq
<#else>
# Each operator decrypts their own and unseals with it (vault operator unseal prompts, echoing nothing):
#   jq -r '.keys_base64[<i>]' vault-init-${cluster}.json | base64 -d | gpg -dq
</#if>
# and ${rootToken} the root token: jq -r .root_token vault-init-${cluster}.json | base64 -d | gpg -dq
#
set -eu
: "${r"${VAULT_ADDR:?"}set VAULT_ADDR to the Vault to initialise, e.g. http://127.0.0.1:8200 after the port-forward}"
if curl -fsS "$VAULT_ADDR/v1/sys/init" | grep -q '"initialized": *true'; then
  echo "Vault at $VAULT_ADDR is initialised already: nothing done (its key shares are the ones made then)" >&2
  exit 1
fi
# the operators' public keys in share order, each as Vault takes it: the binary key in base64, on one line
key() { sed -e '/^-----/d' | tr -d '\n'; }
<#list operators as o>
k${o?index}=$(key <<'KEY'
-----BEGIN PGP PUBLIC KEY BLOCK-----
<#list o.lines as line>
${line}
</#list>
-----END PGP PUBLIC KEY BLOCK-----
KEY
)
</#list>
curl -fsS -X PUT -H 'Content-Type: application/json' --data-binary @- "$VAULT_ADDR/v1/sys/init" <<REQUEST
<#if shares == "recovery">
{"recovery_shares": ${operators?size}, "recovery_threshold": ${threshold}, "recovery_pgp_keys": [<#list operators as o>"$k${o?index}"<#sep>, </#sep></#list>], "root_token_pgp_key": "$k${rootIndex}"}
<#else>
{"secret_shares": ${operators?size}, "secret_threshold": ${threshold}, "pgp_keys": [<#list operators as o>"$k${o?index}"<#sep>, </#sep></#list>], "root_token_pgp_key": "$k${rootIndex}"}
</#if>
REQUEST
