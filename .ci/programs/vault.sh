#!/usr/bin/env bash
# Vault 1.21.1 (built from the Go module proxy) on the server configuration the HelmRelease gives the
# chart, initialized and unsealed as an operator does, with
# the generated vault-policies.sh applied the way its header says (sh -s, the operator's token), twice:
# it must be idempotent and draw no warning from Vault (a role without an audience does). Kubernetes
# auth talks to a stand-in TokenReview API on 127.0.0.1 (tokenreview.py). Then every role logs in as
# its own ServiceAccount and reads exactly its paths; a token for another ServiceAccount, or one made
# for the API server rather than for Vault, is refused. Last, every agent template of the tree is
# rendered by `vault agent` logged in with its pod's role, and each file compared with what its
# consumer must read. Leaves Vault and the stand-in running ($WORK/state: VAULT_ADDR, VAULT_ROOT).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
source "$WORK/state"

DIR="$WORK/vault"
mkdir -p "$DIR"
V_PORT=$(free_port)
K_PORT=$(free_port)
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$DIR/api.key" -out "$DIR/api.crt" -days 1 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
head -c 32 /dev/urandom > "$DIR/tokenreview.key"
python3 .ci/programs/tokenreview.py serve "$DIR/tokenreview.key" "$K_PORT" "$DIR/api.crt" "$DIR/api.key" > "$DIR/tokenreview.log" 2>&1 &
record $!
# the server's configuration as the chart receives it (integrated storage, the listener's telemetry),
# addresses and the storage path changed only (vault-config.py)
C_PORT=$(free_port)
RELEASE=infrastructure/production/controllers/vault/helmrelease-vault.yaml
"$PYTHON" .ci/programs/vault-config.py "$RELEASE" "$DIR" "$V_PORT" "$C_PORT"
vault_server "$DIR" "$V_PORT" "$C_PORT"
export VAULT_ADDR="http://127.0.0.1:$V_PORT"
"$VAULT" operator init -key-shares=1 -key-threshold=1 -format=json > "$DIR/init.json"
"$VAULT" operator unseal "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["unseal_keys_b64"][0])' "$DIR/init.json")" >/dev/null
VAULT_ROOT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["root_token"])' "$DIR/init.json")
TOKENREVIEW_KEY="$DIR/tokenreview.key"
export VAULT_ROOT TOKENREVIEW_KEY

# The policies script as `kubectl exec -i vault-0 -- env VAULT_TOKEN=… sh -s` runs it, with the pod's
# environment: the API server's address (here the stand-in's) and its CA, which Vault reads from the
# pod's service-account files (outside a pod: given on the config line).
SCRIPT=clusters/production/vault-policies.sh
line='kubernetes_host="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT"'
grep -qF "$line" "$SCRIPT" || { echo "vault-policies.sh no longer configures: $line" >&2; exit 1; }
sed "s#$(printf '%s' "$line" | sed 's/[$.*[\]/\\&/g')#& kubernetes_ca_cert=@$DIR/api.crt#" "$SCRIPT" > "$DIR/policies.sh"
for run in first second; do
  env PATH="$(dirname "$VAULT"):$PATH" VAULT_TOKEN="$VAULT_ROOT" KUBERNETES_SERVICE_HOST=127.0.0.1 KUBERNETES_SERVICE_PORT="$K_PORT" \
    sh -s < "$DIR/policies.sh" > "$DIR/$run.log" 2>&1 || { cat "$DIR/$run.log" >&2; exit 1; }
  if grep -q 'WARNING' "$DIR/$run.log"; then
    echo "vault-policies.sh ($run run) draws warnings from Vault:" >&2; grep -A3 WARNING "$DIR/$run.log" >&2; exit 1
  fi
done

# Every role and its paths, as the script declares them; every agent template of the tree.
"$PYTHON" - "$SCRIPT" "$DIR" <<'PY'
import json, re, sys, glob, yaml
script, out = sys.argv[1:3]
text = open(script).read()
roles = {}
for name, body in re.findall(r"vault policy write neotool-([a-z0-9-]+) - <<'POLICY'\n(.*?)\nPOLICY", text, re.S):
    roles[name] = re.findall(r'^path "([^"]+)"', body, re.M)
for name in roles:
    assert re.search(r"vault write auth/kubernetes/role/%s \\\n  bound_service_account_names=%s \\" % (name, name), text), name
def annotated(node, found):
    if isinstance(node, dict):
        if node.get("vault.hashicorp.com/agent-inject") == "true":
            found.append(node)
        for v in node.values():
            annotated(v, found)
    elif isinstance(node, list):
        for v in node:
            annotated(v, found)
templates = []
files = sorted(glob.glob("infrastructure/production/**/*.yaml", recursive=True) + glob.glob("apps/**/*.yaml", recursive=True))
for f in files:
    for doc in yaml.safe_load_all(open(f)):
        found = []
        annotated(doc, found)
        for a in found:
            for k, v in sorted(a.items()):
                if k.startswith("vault.hashicorp.com/agent-inject-template-"):
                    templates.append({"source": f, "role": a["vault.hashicorp.com/role"],
                                      "file": k[len("vault.hashicorp.com/agent-inject-template-"):], "template": v})
json.dump({"roles": roles, "templates": templates}, open(out + "/wiring.json", "w"), indent=1)
print("%d roles, %d agent templates" % (len(roles), len(templates)), file=sys.stderr)
PY

# Secrets: the values the other parts use where they read them (the databases Job's files), a
# distinct hard value for every other key a template reads.
"$PYTHON" - "$DIR/wiring.json" "$WORK/secrets" "$DIR/secrets.json" <<'PY'
import json, re, sys, os
wiring, secrets_dir, out = sys.argv[1:4]
w = json.load(open(wiring))
values = {}
for t in w["templates"]:
    path = re.search(r'with secret "([^"]+)"', t["template"]).group(1)
    for key in re.findall(r"\.Data\.data\.([A-Za-z0-9_]+)", t["template"]):
        job_file = os.path.join(secrets_dir, t["file"])
        if t["role"] == "postgres-databases" and os.path.exists(job_file):
            value = open(job_file, encoding="utf-8").read()
        else:
            value = values.get(path, {}).get(key) or "v'%s\"%s\\ @:/?#%% é" % (path.rsplit("/", 1)[-1], key)
        values.setdefault(path, {})[key] = value
json.dump(values, open(out, "w"), ensure_ascii=False, indent=1)
PY
"$PYTHON" - "$DIR/secrets.json" "$VAULT_ADDR" "$VAULT_ROOT" <<'PY'
import json, sys, urllib.request
values, address, token = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
for path, data in values.items():
    req = urllib.request.Request(f"{address}/v1/{path}", data=json.dumps({"data": data}).encode(), method="POST",
                                 headers={"X-Vault-Token": token})
    urllib.request.urlopen(req).read()
PY

# Logins: each role as its own ServiceAccount reads exactly its paths.
login() { "$VAULT" write -field=token auth/kubernetes/login role="$1" jwt="$(python3 .ci/programs/tokenreview.py token "$TOKENREVIEW_KEY" production "$2" "$3")"; }
roles=$("$PYTHON" -c 'import json,sys; print(" ".join(sorted(json.load(open(sys.argv[1]))["roles"])))' "$DIR/wiring.json")
all_paths=$("$PYTHON" -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1])))))' "$DIR/secrets.json")
checked=0
for role in $roles; do
  token=$(login "$role" "$role" vault) || { echo "role $role: its own ServiceAccount cannot log in" >&2; exit 1; }
  own=$("$PYTHON" -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["roles"][sys.argv[2]]))' "$DIR/wiring.json" "$role")
  while IFS= read -r path; do
    [ -n "$path" ] || continue
    if grep -qxF "$path" <<< "$own"; then
      VAULT_TOKEN="$token" "$VAULT" read -format=json "$path" >/dev/null || { echo "role $role cannot read its $path" >&2; exit 1; }
    elif VAULT_TOKEN="$token" "$VAULT" read "$path" >/dev/null 2>&1; then
      echo "role $role reads $path, which is not its own" >&2; exit 1
    fi
    checked=$((checked + 1))
  done <<< "$all_paths"
  if login "$role" "$role" "https://kubernetes.default.svc.cluster.local" >/dev/null 2>&1; then
    echo "role $role takes a token made for the API server, not for Vault" >&2; exit 1
  fi
  other=$(echo $roles | tr ' ' '\n' | grep -vx "$role" | head -n 1)
  if login "$role" "$other" vault >/dev/null 2>&1; then
    echo "role $role takes the ServiceAccount $other's token" >&2; exit 1
  fi
done

# Every agent template rendered by vault agent as its pod's role; simple files must hold exactly
# the secret's value (what the consumer reads), the others are fed to their consumers by their parts.
"$PYTHON" - "$DIR/wiring.json" "$DIR" <<'PY' > "$DIR/templates.tsv"
import json, sys
for i, t in enumerate(json.load(open(sys.argv[1]))["templates"]):
    open(f"{sys.argv[2]}/template-{i}.tpl", "w").write(t["template"])
    print(f"{i}\t{t['role']}\t{t['file']}\t{t['source']}")
PY
rendered=0
while IFS=$'\t' read -r i role file source; do
  tpl="$DIR/template-$i.tpl"
  path=$(sed -n 's/.*with secret "\([^"]*\)".*/\1/p' "$tpl")
  data=$("$PYTHON" -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))[sys.argv[2]]))' "$DIR/secrets.json" "$path")
  render "$role" "$tpl" "$data" > "$DIR/rendered-$i" || { echo "vault agent could not render $file of $source as role $role" >&2; exit 1; }
  key=$(sed -n 's/^{{- with secret "[^"]*" -}}{{ \.Data\.data\.\([A-Za-z0-9_]*\) }}{{- end }}$/\1/p' "$tpl")
  if [ -n "$key" ]; then
    want=$("$PYTHON" -c 'import json,sys; sys.stdout.write(json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]])' "$DIR/secrets.json" "$path" "$key")
    [ "$(cat "$DIR/rendered-$i")" = "$want" ] || { echo "$file of $source renders '$(cat "$DIR/rendered-$i")', not the secret's $key" >&2; exit 1; }
  fi
  rendered=$((rendered + 1))
done < "$DIR/templates.tsv"
# neotool:secrets against this Vault: every secret the production config's workloads read is there;
# with one deleted, it fails naming that secret's config key (the plugin as CI installed it)
secrets_goal() { VAULT_TOKEN="$VAULT_ROOT" ./mvnw -q -B neotool:secrets -Dneotool.cluster=production -Dneotool.vault.addr="$VAULT_ADDR"; }
secrets_goal > "$DIR/secrets-goal.log" 2>&1 || { cat "$DIR/secrets-goal.log" >&2; echo "neotool:secrets finds a secret missing that the harness wrote" >&2; exit 1; }
VAULT_TOKEN="$VAULT_ROOT" "$VAULT" kv metadata delete -mount=secret grafana/admin >/dev/null
if secrets_goal > "$DIR/secrets-goal.log" 2>&1; then echo "neotool:secrets passed with secret/grafana/admin deleted" >&2; exit 1; fi
grep -q "infrastructure.grafana.adminPassword: no secret at secret/data/grafana/admin" "$DIR/secrets-goal.log" \
  || { cat "$DIR/secrets-goal.log" >&2; exit 1; }
"$PYTHON" - "$DIR/secrets.json" "$VAULT_ADDR" "$VAULT_ROOT" secret/data/grafana/admin <<'PY'
import json, sys, urllib.request
values, address, token, path = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
urllib.request.urlopen(urllib.request.Request(f"{address}/v1/{path}", data=json.dumps({"data": values[path]}).encode(),
                                              method="POST", headers={"X-Vault-Token": token})).read()
PY
# Vault's snapshot as the vault-snapshot CronJob takes it: the backup script's "snapshot" step with the
# vault-snapshot role's own token (another role's is refused); then restored into a fresh Vault (its
# own keys), unsealed with this Vault's key as the runbook says, and a known secret read back.
"$PYTHON" - infrastructure/production/configs/backup/configmap-database-backup-script.yaml "$DIR" > "$DIR/snapshot.sh" <<'PY'
import sys, yaml
script = yaml.safe_load(open(sys.argv[1]))["data"]["backup.sh"]
for old, new in [("/vault/secrets/", sys.argv[2] + "/snapshot-secrets/"), ("/dumps/", sys.argv[2] + "/snapshots/")]:
    assert old in script, old
    script = script.replace(old, new)
print(script)
PY
mkdir -p "$DIR/snapshot-secrets" "$DIR/snapshots"
ms() { date +%s%3N; }
started=$(ms)
login vault-snapshot vault-snapshot vault > "$DIR/snapshot-secrets/token"
env PATH="$(dirname "$VAULT"):$PATH" sh "$DIR/snapshot.sh" snapshot > "$DIR/snapshot.log" 2>&1 || { cat "$DIR/snapshot.log" >&2; exit 1; }
snapshot_ms=$(($(ms) - started))
snap=$(ls "$DIR/snapshots/vault/"*.snap)
login grafana grafana vault > "$DIR/snapshot-secrets/token"
if env PATH="$(dirname "$VAULT"):$PATH" sh "$DIR/snapshot.sh" snapshot > /dev/null 2>&1; then
  echo "the grafana role can take a Vault snapshot" >&2; exit 1
fi
started=$(ms)
S_PORT=$(free_port); S_CLUSTER=$(free_port)
"$PYTHON" .ci/programs/vault-config.py "$RELEASE" "$DIR/restore" "$S_PORT" "$S_CLUSTER"
vault_server "$DIR/restore" "$S_PORT" "$S_CLUSTER"
S_ADDR="http://127.0.0.1:$S_PORT"
"$VAULT" operator init -address="$S_ADDR" -key-shares=1 -key-threshold=1 -format=json > "$DIR/restore/init.json"
"$VAULT" operator unseal -address="$S_ADDR" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["unseal_keys_b64"][0])' "$DIR/restore/init.json")" >/dev/null
VAULT_TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["root_token"])' "$DIR/restore/init.json") \
  "$VAULT" operator raft snapshot restore -address="$S_ADDR" -force "$snap"
# the restored Vault seals itself (its keyring is the snapshot's), then opens with the original key
sealed() { curl -fsS "$S_ADDR/v1/sys/seal-status" | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["sealed"] else 1)'; }
wait_for "the restored Vault to seal itself" sealed
"$VAULT" operator unseal -address="$S_ADDR" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["unseal_keys_b64"][0])' "$DIR/init.json")" >/dev/null
want=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["secret/data/grafana/admin"]["password"])' "$DIR/secrets.json")
got=$(VAULT_TOKEN="$VAULT_ROOT" "$VAULT" kv get -address="$S_ADDR" -mount=secret -format=json grafana/admin | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin)["data"]["data"]; print(d.get("password", sorted(d.items())))')
[ "$got" = "$want" ] || { echo "the restored Vault reads '$got' at secret/grafana/admin, not '$want'" >&2; exit 1; }
restore_ms=$(($(ms) - started))
echo "vault snapshot: $(wc -c < "$snap") bytes in $snapshot_ms ms by the vault-snapshot role (the grafana role refused); restored into a fresh Vault, unsealed with the original key and read back in $restore_ms ms"

printf 'VAULT_ADDR=%q\nVAULT_ROOT=%q\nTOKENREVIEW_KEY=%q\n' "$VAULT_ADDR" "$VAULT_ROOT" "$TOKENREVIEW_KEY" >> "$WORK/state"
echo "vault: Vault $("$VAULT" version | awk '{print $2}' | tr -d ,): vault-policies.sh applied twice without a warning; $(echo $roles | wc -w) roles log in as their ServiceAccounts only with tokens made for Vault, $checked path reads allowed or refused as declared; $rendered agent templates rendered by vault agent; neotool:secrets finds every secret, and names the one deleted"
