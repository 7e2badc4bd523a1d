#!/usr/bin/env bash
# Vault on three nodes (cluster.topology: ha) from the generated server config, with the real Vault
# 1.21.1 on 127.0.0.1, the way the review's plan moves a single-node cluster to it:
# 1. vault-0 runs the single-node HelmRelease's config (the committed production tree), is
#    initialised, and gets every secret the production tree reads (the vault part's list);
# 2. it is restarted on the HA HelmRelease's config (a copy of the production config with
#    topology: ha, generated): same data, same node id; vault-1 and vault-2 start empty, join it
#    (the config's retry_join) and are unsealed with the same key: three raft voters;
# 3. the leader is stopped: the two others elect a new one and every secret is still read.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
source "$WORK/state"

DIR="$WORK/vault-ha"
mkdir -p "$DIR/config" "$DIR/tree"
cp -r config/. "$DIR/config/"
# moved as a user moves it (as TestSupport.ha does): the topology, a PostgreSQL image CloudNativePG
# runs, and the two operators' sections (staging's pins)
"$PYTHON" - "$DIR/config/production.yaml" config/staging.yaml <<'PY'
import re, sys
path, staging = sys.argv[1:3]
text = open(path).read()
ha = open(staging).read()
for part in ("\ncluster:\n", "\n  postgres:\n    image: ", "\ninfrastructure:\n"):
    assert part in text, part
operators = re.search(r"\n(  cloudnativePg:\n(?:    .*\n|      .*\n)+\n  strimzi:\n(?:    .*\n|      .*\n)+)", ha)
image = re.search(r"\n  postgres:\n(?:    #.*\n)*    image: (\S+)", ha)
if not (operators and image):
    sys.exit(staging + " no longer pins the operators and a CloudNativePG image of PostgreSQL: the move to three nodes takes them from there")
operators, image = operators.group(1), image.group(1)
text = text.replace("\ncluster:\n", "\ncluster:\n  topology: ha\n", 1)
text = re.sub(r"(\n  postgres:\n    image: )\S+", lambda m: m.group(1) + image, text, count=1)
text = text.replace("\ninfrastructure:\n", "\ninfrastructure:\n" + operators, 1)
open(path, "w").write(text)
PY
./mvnw -q -B -N neotool:generate -Dneotool.configDir="$DIR/config" -Dneotool.outputDir="$DIR/tree" > "$DIR/generate.log" 2>&1 \
  || { cat "$DIR/generate.log" >&2; exit 1; }
SINGLE=infrastructure/production/controllers/vault/helmrelease-vault.yaml
HA="$DIR/tree/$SINGLE"
declare -a API CLUSTER PID
for i in 0 1 2; do API[$i]=$(free_port); CLUSTER[$i]=$(free_port); done

# config RELEASE I: the server config of member I (vault-config.py)
config() {
  "$PYTHON" .ci/programs/vault-config.py "$1" "$DIR/vault-$2" "${API[$2]}" "${CLUSTER[$2]}" \
    --members "$(IFS=,; echo "${API[*]}")"
}
start() {
  vault_server "$DIR/vault-$1" "${API[$1]}" "${CLUSTER[$1]}" "vault-$1"
  PID[$1]=$(cat "$DIR/vault-$1/pid")
}
stop() { kill "${PID[$1]}"; for _ in $(seq 1 100); do kill -0 "${PID[$1]}" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "${PID[$1]}"; }
addr() { echo "http://127.0.0.1:${API[$1]}"; }

# 1. one member, on the single-node config, with the secrets
config "$SINGLE" 0
start 0
"$VAULT" operator init -address="$(addr 0)" -key-shares=1 -key-threshold=1 -format=json > "$DIR/init.json"
KEY=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["unseal_keys_b64"][0])' "$DIR/init.json")
export VAULT_TOKEN; VAULT_TOKEN=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["root_token"])' "$DIR/init.json")
"$VAULT" operator unseal -address="$(addr 0)" "$KEY" >/dev/null
"$VAULT" secrets enable -address="$(addr 0)" -path=secret kv-v2 >/dev/null
# every path and key the production tree's workloads read (the vault part's list, from their agent templates)
"$PYTHON" -c 'import json,sys
for path, data in sorted(json.load(open(sys.argv[1])).items()):
    for key in sorted(data): print(path + "\t" + key)' "$WORK/vault/secrets.json" > "$DIR/secrets.tsv"
secrets=0
while IFS=$'\t' read -r path key; do
  "$VAULT" kv patch -address="$(addr 0)" -mount=secret "${path#secret/data/}" "$key=value of $path $key" >/dev/null 2>&1 \
    || "$VAULT" kv put -address="$(addr 0)" -mount=secret "${path#secret/data/}" "$key=value of $path $key" >/dev/null
  secrets=$((secrets + 1))
done < "$DIR/secrets.tsv"
[ "$secrets" -gt 5 ] || { echo "only $secrets secrets listed by the vault part" >&2; exit 1; }

# 2. the same member restarted on the HA config, two more join it
stop 0
for i in 0 1 2; do config "$HA" "$i"; done
start 0
"$VAULT" operator unseal -address="$(addr 0)" "$KEY" >/dev/null
for i in 1 2; do
  start "$i"
  for _ in $(seq 1 60); do
    "$VAULT" operator unseal -address="$(addr "$i")" "$KEY" >/dev/null 2>&1 && "$VAULT" status -address="$(addr "$i")" >/dev/null 2>&1 && break
    sleep 1
  done
  "$VAULT" status -address="$(addr "$i")" >/dev/null || { echo "vault-$i did not join and unseal" >&2; tail -20 "$DIR/vault-$i/vault.log" >&2; exit 1; }
done
voters() { "$VAULT" operator raft list-peers -address="$(addr "$1")" -format=json | "$PYTHON" -c 'import json,sys; print(sum(1 for s in json.load(sys.stdin)["data"]["config"]["servers"] if s["voter"]))'; }
for _ in $(seq 1 60); do [ "$(voters 0)" = 3 ] && break; sleep 1; done
[ "$(voters 0)" = 3 ] || { echo "not three raft voters: $(voters 0)" >&2; exit 1; }

# 3. the leader stops; the others still read every secret
leader=$(curl -fsS "$(addr 0)/v1/sys/leader" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["leader_address"])')
for i in 0 1 2; do [ "$(addr "$i")" = "$leader" ] && L=$i; done
stop "$L"
read_all() {
  local n=0
  while IFS=$'\t' read -r path key; do
    [ "$("$VAULT" kv get -address="$1" -mount=secret -field="$key" "${path#secret/data/}")" = "value of $path $key" ] || return 1
    n=$((n + 1))
  done < "$DIR/secrets.tsv"
  echo "$n"
}
for i in 0 1 2; do [ "$i" = "$L" ] || survivor=$i; done
read=""
for _ in $(seq 1 60); do read=$(read_all "$(addr "$survivor")" 2>/dev/null) && break; sleep 1; done
[ -n "$read" ] || { echo "the remaining members do not serve the secrets after vault-$L stopped" >&2; exit 1; }
echo "vault-ha: vault-0 moved from the single-node config to the HA one with its $secrets secrets; vault-1 and vault-2 joined (3 voters); with the leader vault-$L stopped, vault-$survivor read all $read secrets"
