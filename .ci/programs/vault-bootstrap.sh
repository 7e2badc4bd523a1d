#!/usr/bin/env bash
# Vault's bootstrap as the runbook gives it, with the real Vault 1.21.1 on 127.0.0.1:
# 1. Initialisation: three operators' OpenPGP keys (PGPy) in a copy of the production config
#    (infrastructure.vault.unseal, threshold 2), the tree generated from it, and the generated
#    clusters/production/vault-init.sh run against a new Vault on the HelmRelease's server config
#    (integrated storage). Every share and the root token come back encrypted: two operators decrypt
#    theirs and unseal, the root token works, no clear share is in the response, and a second run
#    refuses an initialised Vault.
# 3. Auto-unseal: the same with seal "transit" (a second cluster of the config copy) against a
#    transit Vault in dev mode: recovery keys, unsealed by itself at every start.
# 2. The move from file storage: a Vault on the file backend (the previous layout) with a secret is
#    stopped, the HelmRelease's init container script runs on its data, and the generated raft server
#    opens on the copy with the same key and reads the secret; the script run again does nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
source "$WORK/state"

DIR="$WORK/vault-bootstrap"
mkdir -p "$DIR/keys" "$DIR/config" "$DIR/tree"
for name in alice bob carol; do "$PGP_PYTHON" .ci/programs/pgp.py new "$name" "$DIR/keys"; done
cp -r config/. "$DIR/config/"
rm "$DIR/config/dev.yaml"  # production's copies only: two clusters to generate, not three
"$PGP_PYTHON" .ci/programs/pgp.py config "$DIR/config/production.yaml" "$DIR/keys" 2 alice alice bob carol
# a second cluster, "transit", the same config auto-unsealed by another Vault's transit key
T_PORT=$(free_port)
"$PYTHON" - "$DIR/config/production.yaml" "$DIR/config/transit.yaml" "$T_PORT" <<'PY'
import sys
source, out, port = sys.argv[1:4]
text = open(source).read()
for old, new in [("\ncluster:\n  name: production\n", "\ncluster:\n  name: transit\n"),
                 ("\n  vault:\n", "\n  vault:\n    seal:\n      transit:\n        address: http://127.0.0.1:%s\n"
                  "        keyName: neotool-transit\n        tokenSecret: vault-transit\n" % port)]:
    assert old in text, old
    text = text.replace(old, new, 1)
open(out, "w").write(text)
PY
./mvnw -q -B -N neotool:generate -Dneotool.configDir="$DIR/config" -Dneotool.outputDir="$DIR/tree" >/dev/null
INIT="$DIR/tree/clusters/production/vault-init.sh"
[ -f "$INIT" ] || { echo "no vault-init.sh generated for a config with operators" >&2; exit 1; }

# start_vault NAME HELMRELEASE [file]: a Vault on the HelmRelease's server config (vault-config.py;
# with "file", the previous layout's storage stanza); prints its address
start_vault() {
  local name="$1" release="$2" storage="${3:-}" port cluster
  port=$(free_port); cluster=$(free_port)
  "$PYTHON" .ci/programs/vault-config.py "$release" "$DIR/$name" "$port" "$cluster" ${storage:+--file-storage}
  vault_server "$DIR/$name" "$port" "$cluster" >&2
  echo "http://127.0.0.1:$port"
}
field() { "$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval("d"+sys.argv[2]))' "$@"; }

# 1. initialisation through the generated script
RELEASE="$DIR/tree/infrastructure/production/controllers/vault/helmrelease-vault.yaml"
export VAULT_ADDR; VAULT_ADDR=$(start_vault init "$RELEASE")
sh "$INIT" > "$DIR/init.json"
[ "$(field "$DIR/init.json" '["keys_base64"].__len__()')" = 3 ] || { echo "vault-init.sh: not 3 shares" >&2; exit 1; }
i=0
for name in alice bob; do
  field "$DIR/init.json" "[\"keys_base64\"][$i]" | "$PGP_PYTHON" .ci/programs/pgp.py decrypt "$DIR/keys/$name.key" > "$DIR/share-$name"
  if grep -qF "$(cat "$DIR/share-$name")" "$DIR/init.json"; then echo "share $i is in the response in clear" >&2; exit 1; fi
  "$VAULT" operator unseal "$(cat "$DIR/share-$name")" >/dev/null
  i=$((i + 1))
done
"$VAULT" status >/dev/null || { echo "Vault still sealed after two operators' shares" >&2; exit 1; }
# carol's share, decrypted with bob's key, must not open
if field "$DIR/init.json" '["keys_base64"][2]' | "$PGP_PYTHON" .ci/programs/pgp.py decrypt "$DIR/keys/bob.key" >/dev/null 2>&1; then
  echo "carol's share decrypts with bob's key" >&2; exit 1
fi
ROOT=$(field "$DIR/init.json" '["root_token"]' | "$PGP_PYTHON" .ci/programs/pgp.py decrypt "$DIR/keys/alice.key")
if grep -qF "$ROOT" "$DIR/init.json"; then echo "the root token is in the response in clear" >&2; exit 1; fi
VAULT_TOKEN="$ROOT" "$VAULT" token lookup >/dev/null
if sh "$INIT" > "$DIR/again.json" 2> "$DIR/again.err"; then echo "vault-init.sh initialised Vault twice" >&2; exit 1; fi
grep -q "initialised already" "$DIR/again.err"
kill "$(cat "$DIR/init/pid")"

# 2. from the file backend to raft, by the init container's script
ADDR=$(start_vault move "$RELEASE" file)
"$VAULT" operator init -address="$ADDR" -key-shares=1 -key-threshold=1 -format=json > "$DIR/move-init.json"
KEY=$(field "$DIR/move-init.json" '["unseal_keys_b64"][0]')
TOKEN=$(field "$DIR/move-init.json" '["root_token"]')
"$VAULT" operator unseal -address="$ADDR" "$KEY" >/dev/null
VAULT_TOKEN="$TOKEN" "$VAULT" secrets enable -address="$ADDR" -path=secret kv-v2 >/dev/null
VAULT_TOKEN="$TOKEN" "$VAULT" kv put -address="$ADDR" -mount=secret probe/entry value="kept across the move" >/dev/null
kill "$(cat "$DIR/move/pid")"
for _ in $(seq 1 50); do kill -0 "$(cat "$DIR/move/pid")" 2>/dev/null || break; sleep 0.1; done
[ -f "$DIR/move/data/core/_keyring" ] || { echo "the file backend's layout changed: no core/_keyring" >&2; exit 1; }
"$PYTHON" - "$RELEASE" "$DIR/move" <<'PY'
import sys, yaml
release, out = sys.argv[1:3]
containers = yaml.safe_load(open(release))["spec"]["values"]["server"]["extraInitContainers"]
script = next(c for c in containers if c["name"] == "migrate-file-storage")["command"][2]
assert "/vault/data" in script and "/tmp/migrate.hcl" in script
open(out + "/migrate.sh", "w").write(script.replace("/tmp/migrate.hcl", out + "/migrate.hcl").replace("/vault/data", out + "/data"))
PY
env PATH="$(dirname "$VAULT"):$PATH" sh "$DIR/move/migrate.sh" > "$DIR/move/migrate.log" 2>&1 || { cat "$DIR/move/migrate.log" >&2; exit 1; }
grep -q "copying the file backend" "$DIR/move/migrate.log"
env PATH="$(dirname "$VAULT"):$PATH" sh "$DIR/move/migrate.sh" > "$DIR/move/again.log" 2>&1
[ ! -s "$DIR/move/again.log" ] || { echo "the migration ran twice:" >&2; cat "$DIR/move/again.log" >&2; exit 1; }
ADDR=$(start_vault move "$RELEASE")
"$VAULT" status -address="$ADDR" -format=json > "$DIR/move/status.json" || true
[ "$(field "$DIR/move/status.json" '["storage_type"]')" = raft ] || { echo "the moved Vault is not on raft" >&2; exit 1; }
"$VAULT" operator unseal -address="$ADDR" "$KEY" >/dev/null
value=$(VAULT_TOKEN="$TOKEN" "$VAULT" kv get -address="$ADDR" -mount=secret -field=value probe/entry)
[ "$value" = "kept across the move" ] || { echo "the secret did not survive the move: '$value'" >&2; exit 1; }
kill "$(cat "$DIR/move/pid")"

# 3. auto-unseal: a transit Vault (dev mode) holds the key; the generated server with seal "transit"
# is initialised by its vault-init.sh (recovery keys, encrypted) and unseals itself at every start
"$VAULT" server -dev -dev-root-token-id=transit-root -dev-listen-address="127.0.0.1:$T_PORT" > "$DIR/transit.log" 2>&1 &
T_PID=$!
record "$T_PID"
wait_for "the transit Vault" curl -fsS "http://127.0.0.1:$T_PORT/v1/sys/health"
VAULT_TOKEN=transit-root "$VAULT" secrets enable -address="http://127.0.0.1:$T_PORT" transit >/dev/null
VAULT_TOKEN=transit-root "$VAULT" write -address="http://127.0.0.1:$T_PORT" -f transit/keys/neotool-transit >/dev/null
AUTO="$DIR/tree/infrastructure/transit/controllers/vault/helmrelease-vault.yaml"
"$PYTHON" - "$AUTO" <<'PY'
import sys, yaml
server = yaml.safe_load(open(sys.argv[1]))["spec"]["values"]["server"]
assert 'seal "transit"' in server["standalone"]["config"]
assert server["extraSecretEnvironmentVars"] == [{"envName": "VAULT_TOKEN", "secretName": "vault-transit", "secretKey": "token"}]
PY
# the token the chart hands the server from the Secret vault-transit
export VAULT_TOKEN=transit-root
ADDR=$(start_vault auto "$AUTO")
unset VAULT_TOKEN
VAULT_ADDR="$ADDR" sh "$DIR/tree/clusters/transit/vault-init.sh" > "$DIR/auto-init.json"
[ "$(field "$DIR/auto-init.json" '["recovery_keys_base64"].__len__()')" = 3 ] || { echo "vault-init.sh (transit): not 3 recovery shares" >&2; exit 1; }
field "$DIR/auto-init.json" '["recovery_keys_base64"][1]' | "$PGP_PYTHON" .ci/programs/pgp.py decrypt "$DIR/keys/bob.key" > "$DIR/recovery-bob"
if grep -qF "$(cat "$DIR/recovery-bob")" "$DIR/auto-init.json"; then echo "a recovery share is in the response in clear" >&2; exit 1; fi
AUTO_ROOT=$(field "$DIR/auto-init.json" '["root_token"]' | "$PGP_PYTHON" .ci/programs/pgp.py decrypt "$DIR/keys/alice.key")
wait_for "the auto-unsealed Vault" "$VAULT" status -address="$ADDR"
VAULT_TOKEN="$AUTO_ROOT" "$VAULT" secrets enable -address="$ADDR" -path=secret kv-v2 >/dev/null
VAULT_TOKEN="$AUTO_ROOT" "$VAULT" kv put -address="$ADDR" -mount=secret probe/auto value="unsealed by transit" >/dev/null
kill "$(cat "$DIR/auto/pid")"; for _ in $(seq 1 50); do kill -0 "$(cat "$DIR/auto/pid")" 2>/dev/null || break; sleep 0.1; done
export VAULT_TOKEN=transit-root
ADDR=$(start_vault auto "$AUTO")
unset VAULT_TOKEN
wait_for "the restarted Vault to unseal itself" "$VAULT" status -address="$ADDR"
[ "$(VAULT_TOKEN="$AUTO_ROOT" "$VAULT" kv get -address="$ADDR" -mount=secret -field=value probe/auto)" = "unsealed by transit" ]
kill "$(cat "$DIR/auto/pid")"; for _ in $(seq 1 50); do kill -0 "$(cat "$DIR/auto/pid")" 2>/dev/null || break; sleep 0.1; done

echo "vault-bootstrap: vault-init.sh initialised Vault on integrated storage with 3 shares encrypted to 3 operators' OpenPGP keys (threshold 2; no share or root token in clear; a second run refused); a file-backend Vault moved to raft by the HelmRelease's init container opened with its old key and read its secret (the script a no-op the second time); with seal \"transit\" it was initialised with 3 encrypted recovery shares, and unsealed itself at each start"
