# Shared by the real-programs harness (.ci/programs/run.sh and its parts). Sourced, not run.
# Every program listens on 127.0.0.1 only; every process started is recorded in $WORK/pids and
# stopped by its PID when the harness ends.

CACHE="${NEOTOOL_CI_CACHE:-$HOME/.cache/neotool-ci}"
mkdir -p "$CACHE"
export GOFLAGS=-mod=mod

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# PyYAML: from the CI venv of .ci/schemas.sh when it is there (a fresh machine's Python may lack it)
PYTHON=python3
if [ -x target/ci/venv/bin/python ]; then PYTHON="$PWD/target/ci/venv/bin/python"; fi

# as_owner CMD...: PostgreSQL and PgBouncer refuse to run as root; CI runs as root, so they run as
# an unprivileged user made for the harness.
HARNESS_USER=neotool-ci
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$HARNESS_USER" -- "$@"; else "$@"; fi
}
ensure_harness_user() {
  if [ "$(id -u)" = 0 ] && ! id "$HARNESS_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$HARNESS_USER"
  fi
}

# record PID: stopped when the harness ends
record() { echo "$1" >> "$WORK/pids"; }

# wait_for DESCRIPTION COMMAND...: up to 60 s
wait_for() {
  local what="$1"; shift
  for _ in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$what did not come up in 60 s" >&2
  return 1
}

# json_password VALUE: the Vault KV v2 secret body {"password": VALUE}
json_string() { "$PYTHON" -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"; }
json_password() { "$PYTHON" -c 'import json,sys; print(json.dumps({"password": sys.argv[1]}))' "$1"; }

# agent_render DIR TEMPLATE_FILE AUTH_JSON: the template rendered once by the real Vault agent
# (`vault agent`, exit after auth) with the auto-auth method AUTH_JSON, its token files in DIR;
# prints the result and removes DIR
agent_render() {
  local dir="$1" template="$2" auth="$3"
  "$PYTHON" - "$dir" "$template" "$VAULT_ADDR" "$auth" <<'PY'
import json, sys
dir, template, address, auth = sys.argv[1:5]
json.dump({"vault": {"address": address}, "exit_after_auth": True,
           "auto_auth": {"method": [json.loads(auth)]},
           "template_config": {"exit_on_retry_failure": True},
           "template": [{"contents": open(template).read(), "destination": dir + "/out"}]},
          open(dir + "/agent.json", "w"))
PY
  if ! "$VAULT" agent -config="$dir/agent.json" > "$dir/log" 2>&1; then cat "$dir/log" >&2; return 1; fi
  cat "$dir/out"
  rm -rf "$dir"
}

# render ROLE TEMPLATE_FILE DATA_JSON: a Vault agent template rendered by the real Vault agent, as the
# injector's init container runs it: the secret the template names written to the Vault of vault.sh
# (KV v2, as an operator writes it), then `vault agent` logged in with the role's Kubernetes auth
# (a token for the ServiceAccount of the same name, audience vault), rendering once and exiting.
render() {
  local role="$1" template="$2" data="$3" path dir
  path=$(sed -n 's/.*with secret "\([^"]*\)".*/\1/p' "$template" | head -n 1)
  [ -n "$path" ] || { echo "no secret path in $template" >&2; return 1; }
  curl -fsS -o /dev/null -H "X-Vault-Token: $VAULT_ROOT" -X POST --data-binary "{\"data\": $data}" "$VAULT_ADDR/v1/$path"
  dir=$(mktemp -d "$WORK/agent.XXXXXX")
  python3 .ci/programs/tokenreview.py token "$TOKENREVIEW_KEY" production "$role" vault > "$dir/token"
  agent_render "$dir" "$template" "{\"type\": \"kubernetes\", \"config\": {\"role\": \"$role\", \"token_path\": \"$dir/token\"}}"
}

# render_secret TEMPLATE: a Vault agent template rendered by a real agent with the root token (a
# template that reads several paths, whose values are already in Vault); prints the result
render_secret() {
  local template="$1" dir
  dir=$(mktemp -d "$WORK/agent.XXXXXX")
  printf '%s' "$VAULT_ROOT" > "$dir/token"
  agent_render "$dir" "$template" "{\"type\": \"token_file\", \"config\": {\"token_file_path\": \"$dir/token\"}}"
}

# chart_package NAME VERSION: the pinned chart's .tgz, from ../shared/charts/packages (the mirror)
# or the user cache the chart tests fill (step 1 of .ci/run fetches it there when there is no mirror)
chart_package() {
  local name="$1-$2.tgz" dir
  for dir in "${NEOTOOL_CHART_DATA:-../shared/charts}/packages" "${XDG_CACHE_HOME:-$HOME/.cache}/neotool-gitops/charts"; do
    if [ -f "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  echo "chart $name is neither in ../shared/charts/packages nor in the chart cache; run the tests with -Dneotool.requireCharts=true first" >&2
  return 1
}

# module_version BINARY MODULE: the version of MODULE a Go binary was built from
module_version() { go version -m "$1" | awk -v m="$2" '($1 == "mod" || $1 == "dep") && $2 == m { print $3; exit }'; }

# vault_server DIR API_PORT CLUSTER_PORT [NODE_ID]: Vault on DIR/vault.hcl (vault-config.py), with the
# addresses the chart gives in the environment (and the raft node id an HA release's pods get);
# logs to DIR/vault.log, its PID in DIR/pid; returns once it answers
vault_server() {
  local dir="$1" api="$2" cluster="$3" node="${4:-}"
  env VAULT_API_ADDR="http://127.0.0.1:$api" VAULT_CLUSTER_ADDR="https://127.0.0.1:$cluster" ${node:+"VAULT_RAFT_NODE_ID=$node"} \
    "$VAULT" server -config="$dir/vault.hcl" >> "$dir/vault.log" 2>&1 &
  echo $! > "$dir/pid"
  record "$(cat "$dir/pid")"
  wait_for "Vault ($dir)" curl -fsS "http://127.0.0.1:$api/v1/sys/health?uninitcode=200&sealedcode=200&standbycode=200&perfstandbycode=200"
}
