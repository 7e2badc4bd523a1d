#!/usr/bin/env bash
# The e2e check on a real Kubernetes control plane: etcd, kube-apiserver and kube-controller-manager,
# built from the Go module proxy (e2e/controlplane, e2e/etcd) into a cache outside the repository,
# run on 127.0.0.1 only, with certificates made for the run, RBAC on and anonymous auth off.
#
# For each cluster under clusters/ (or those named), on a server of its own: the tree of the base
# revision (default HEAD~1, or --base REV; skipped where that revision has no such cluster), then the
# working tree's, applied by e2e/apply the way Flux's kustomize-controller applies them; then the
# seeded-defect tests (go test in e2e/apply) on a server of their own, one app's database never Ready
# (only that app held), and a dangerous change that
# neotool:diff must flag and the server must refuse. Stops exactly the processes it started. Needs
# the Flux CRDs of .ci/schemas.sh (target/ci/crds; built when missing) and the plugin installed
# (./mvnw -q install -DskipTests, as for neotool:generate).
#
#   e2e/run.sh [--base REV] [CLUSTER...]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BASE=""
if git rev-parse -q --verify HEAD~1 >/dev/null 2>&1; then BASE=HEAD~1; fi
CLUSTERS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --base) BASE="$2"; shift 2 ;;
    *) CLUSTERS+=("$1"); shift ;;
  esac
done
if [ ${#CLUSTERS[@]} -eq 0 ]; then
  for dir in clusters/*/; do CLUSTERS+=("$(basename "$dir")"); done
fi

CACHE="${NEOTOOL_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/neotool-e2e}"
export GOFLAGS=-mod=mod

# build <module folder> <packages...>: binaries into a cache folder keyed by the module's go.mod and go.sum
build() {
  local module="$1"; shift
  local key
  key=$(cat "e2e/$module/go.mod" "e2e/$module/go.sum" | sha256sum | cut -c1-16)
  local out="$CACHE/$module-$key"
  if [ ! -f "$out/.complete" ]; then
    echo "building $module ($*) into $out" >&2
    local started=$SECONDS
    mkdir -p "$out"
    (cd "e2e/$module" && go build -o "$out/" "$@")
    touch "$out/.complete"
    echo "built $module in $((SECONDS - started)) s" >&2
  fi
  echo "$out"
}

t0=$SECONDS
CONTROLPLANE=$(build controlplane k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager)
ETCD=$(build etcd .)
# kube-state-metrics: the chart's 2.14.0 is refused by the module proxy; 2.15.0 is the nearest served
KSM=$(build kube-state-metrics k8s.io/kube-state-metrics/v2)
APPLY_DIR="$CACHE/apply"
mkdir -p "$APPLY_DIR"
(cd e2e/apply && go build -o "$APPLY_DIR/apply" .)
APPLY="$APPLY_DIR/apply"
echo "binaries ready in $((SECONDS - t0)) s: $CONTROLPLANE, $ETCD"

CRDS="$ROOT/target/ci/crds"
if ! ls "$CRDS"/*.yaml >/dev/null 2>&1; then
  .ci/schemas.sh >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/neotool-e2e.XXXXXX")
PIDS=()
stop() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap 'stop; rm -rf "$WORK"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start <name>: a fresh etcd, API server and controller-manager; sets KUBECONFIG_FILE
start() {
  local dir="$WORK/$1" started=$SECONDS
  mkdir -p "$dir"
  local etcd_port etcd_peer api_port
  etcd_port=$(free_port); etcd_peer=$(free_port); api_port=$(free_port)
  "$APPLY" pki "$dir/pki" "$api_port"
  "$ETCD/etcd" --data-dir "$dir/etcd" --name e2e \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "e2e=http://127.0.0.1:$etcd_peer" --log-level error > "$dir/etcd.log" 2>&1 &
  PIDS+=($!)
  "$CONTROLPLANE/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
    --client-ca-file "$dir/pki/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$dir/pki/sa.pub" --service-account-signing-key-file "$dir/pki/sa.key" \
    --service-cluster-ip-range 10.43.0.0/16 \
    --authorization-mode Node,RBAC --anonymous-auth=false --allow-privileged=true \
    --v 1 > "$dir/apiserver.log" 2>&1 &
  PIDS+=($!)
  if ! "$APPLY" ready "$dir/pki/admin.kubeconfig" 90s; then
    tail -n 30 "$dir/apiserver.log" >&2
    return 1
  fi
  "$CONTROLPLANE/kube-controller-manager" \
    --kubeconfig "$dir/pki/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$dir/pki/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$dir/pki/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$(free_port)" \
    --service-account-private-key-file "$dir/pki/sa.key" --root-ca-file "$dir/pki/ca.crt" \
    --use-service-account-credentials --leader-elect=false \
    --v 1 > "$dir/controller-manager.log" 2>&1 &
  PIDS+=($!)
  KUBECONFIG_FILE="$dir/pki/admin.kubeconfig"
  echo "control plane for $1 up in $((SECONDS - started)) s (API server on 127.0.0.1:$api_port)"
}

# scrape_kube_state_metrics CLUSTER: kube-state-metrics on the applied tree, with the custom-resource
# configuration the Prometheus HelmRelease gives it (the Flux objects' gotk_resource_info), scraped
# into target/ci/scrapes/<cluster>/kube-state-metrics for the metrics check of .ci/programs.
scrape_kube_state_metrics() {
  local cluster="$1" release="infrastructure/$1/controllers/prometheus/helmrelease-prometheus.yaml" dir="$WORK/$1"
  [ -f "$release" ] || return 0
  local python=python3
  if [ -x target/ci/venv/bin/python ]; then python=target/ci/venv/bin/python; fi
  # the configuration, and a Ready condition on every Flux object of its kinds: no Flux controller
  # runs here to write one, and kube-state-metrics reports an object only with its labels resolved
  "$python" - "$release" "$dir/customresourcestate.yaml" "$dir/pki" "$(grep -o 'https://127.0.0.1:[0-9]*' "$KUBECONFIG_FILE" | head -n 1)" <<'PY'
import json, ssl, sys, time, urllib.error, urllib.request, yaml
release, out, pki, server = sys.argv[1:5]
values = yaml.safe_load(open(release))["spec"]["values"]
config = values["kube-state-metrics"]["customResourceState"]["config"]
open(out, "w").write(yaml.safe_dump(config))
tls = ssl.create_default_context(cafile=pki + "/ca.crt")
tls.load_cert_chain(pki + "/admin.crt", pki + "/admin.key")
def call(path, method="GET", body=None):
    # the API server answers 429 while it is busy (priority and fairness): wait as it says, then again
    for attempt in range(20):
        req = urllib.request.Request(server + path, method=method, data=body and json.dumps(body).encode(),
                                     headers={"Content-Type": "application/merge-patch+json"})
        try:
            return json.load(urllib.request.urlopen(req, context=tls))
        except urllib.error.HTTPError as e:
            if e.code not in (429, 500, 503) or attempt == 19:
                raise
            time.sleep(float(e.headers.get("Retry-After") or 1))
now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
ready = {"status": {"conditions": [{"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded",
                                    "message": "written by e2e/run.sh in place of the Flux controller",
                                    "lastTransitionTime": now, "observedGeneration": 1}]}}
patched = 0
for resource in config["spec"]["resources"]:
    gvk = resource["groupVersionKind"]
    base = f"/apis/{gvk['group']}/{gvk['version']}"
    plural = next(r["name"] for r in call(base)["resources"] if r["kind"] == gvk["kind"] and "/" not in r["name"])
    for item in call(f"{base}/{plural}")["items"]:
        m = item["metadata"]
        call(f"{base}/namespaces/{m['namespace']}/{plural}/{m['name']}/status", "PATCH", ready)
        patched += 1
# what controllers and a kubelet would write and nothing here does, once each, so that every series
# the rules read exists: one Flux object suspended (flux suspend), the backup CronJob's last success
# (the CronJob controller, after a Job a kubelet ran), a container's restarts and CrashLoopBackOff
flux = config["spec"]["resources"][0]["groupVersionKind"]
base = f"/apis/{flux['group']}/{flux['version']}"
plural = next(r["name"] for r in call(base)["resources"] if r["kind"] == flux["kind"] and "/" not in r["name"])
first = call(f"{base}/{plural}")["items"][0]["metadata"]
call(f"{base}/namespaces/{first['namespace']}/{plural}/{first['name']}", "PATCH", {"spec": {"suspend": True}})
for cronjob in call("/apis/batch/v1/cronjobs")["items"]:
    m = cronjob["metadata"]
    call(f"/apis/batch/v1/namespaces/{m['namespace']}/cronjobs/{m['name']}/status", "PATCH",
         {"status": {"lastScheduleTime": now, "lastSuccessfulTime": now}})
pods = call("/api/v1/pods")["items"]
pod = next(p for p in pods if p["spec"]["containers"])
container = pod["spec"]["containers"][0]
call(f"/api/v1/namespaces/{pod['metadata']['namespace']}/pods/{pod['metadata']['name']}/status", "PATCH",
     {"status": {"containerStatuses": [{"name": container["name"], "image": container["image"], "imageID": "",
                                        "ready": False, "restartCount": 3, "started": False,
                                        "state": {"waiting": {"reason": "CrashLoopBackOff"}}, "lastState": {}}]}})
print(f"{patched} Flux objects marked Ready, {first['name']} suspended, {len(pods)} pods "
      f"({pod['metadata']['name']} crash-looping) for kube-state-metrics", file=sys.stderr)
PY
  local port telemetry out="$ROOT/target/ci/scrapes/$cluster"
  port=$(free_port); telemetry=$(free_port)
  "$KSM/kube-state-metrics" --kubeconfig "$KUBECONFIG_FILE" --host 127.0.0.1 --port "$port" \
    --telemetry-host 127.0.0.1 --telemetry-port "$telemetry" \
    --custom-resource-state-config-file "$dir/customresourcestate.yaml" > "$dir/kube-state-metrics.log" 2>&1 &
  PIDS+=($!)
  mkdir -p "$out"
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null | grep -q '^gotk_resource_info'; then break; fi
    sleep 1
  done
  sleep 2
  curl -fsS "http://127.0.0.1:$port/metrics" > "$out/kube-state-metrics"
  grep -q '^gotk_resource_info' "$out/kube-state-metrics" \
    || { cp "$dir/kube-state-metrics.log" "$out/"; echo "kube-state-metrics reports no Flux object (its log: $out/kube-state-metrics.log)" >&2; return 1; }
  echo "kube-state-metrics 2.15.0 scraped: $(grep -c '^[a-z]' "$out/kube-state-metrics") series -> $out/kube-state-metrics"
}

if [ -n "$BASE" ]; then
  mkdir -p "$WORK/base"
  git archive "$BASE" -- clusters infrastructure apps | tar -x -C "$WORK/base"
  echo "base tree: $BASE ($(git rev-parse --short "$BASE"))"
fi
mkdir -p "$WORK/current"
cp -r clusters infrastructure apps "$WORK/current/"

for cluster in "${CLUSTERS[@]}"; do
  echo "=== cluster $cluster"
  start "$cluster"
  trees=()
  if [ -n "$BASE" ] && [ -d "$WORK/base/clusters/$cluster" ]; then trees+=("$WORK/base"); fi
  trees+=("$WORK/current")
  if ! "$APPLY" run -kubeconfig "$KUBECONFIG_FILE" -cluster "$cluster" -crds "$CRDS" "${trees[@]}"; then
    echo "--- last lines of the controller-manager log" >&2
    tail -n 20 "$WORK/$cluster/controller-manager.log" >&2
    exit 1
  fi
  scrape_kube_state_metrics "$cluster"
  stop
done

echo "=== a failure stays where it happens: one app's database never Ready, every other app applied"
# The Flux Kustomization of one app's database (its Job waits for a password nobody wrote to Vault, say)
# never becomes Ready: as Flux does, everything that waits for it is held. Only that app may be.
for cluster in "${CLUSTERS[@]}"; do
  unit=$(cd "$WORK/current/clusters/$cluster" && ls ./*-database.yaml 2>/dev/null | head -n 1 | sed 's#^\./##; s#\.yaml$##')
  [ -n "$unit" ] || continue
  start "isolation-$cluster"
  "$APPLY" run -kubeconfig "$KUBECONFIG_FILE" -cluster "$cluster" -crds "$CRDS" \
    -never-ready "$unit" -expect-held "${unit%-database}" "$WORK/current" | grep -E "never Ready|held" || exit 1
  stop
  break
done

echo "=== a danger neotool:diff flags, and the server's verdict on it"
# Growing PostgreSQL's claim template is refused in place by the API server; neotool:diff must say so
# before the merge, and the server must agree.
DANGER="$WORK/danger"
mkdir -p "$DANGER"
cp -r config clusters infrastructure apps .neotool "$DANGER/"
python3 - "$DANGER/config/production.yaml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
# whatever size the config holds: the check must not depend on the values users edit
grown, n = re.subn(r"(\n  postgres:\n(?:    .*\n)*?    storage: )(\d+)Gi\n",
                   lambda m: m.group(1) + str(int(m.group(2)) * 2) + "Gi\n", text, count=1)
assert n == 1, "production.yaml has no PostgreSQL storage in Gi for this check to grow"
open(path, "w").write(grown)
PY
if ./mvnw -q -B -N neotool:diff -Dneotool.configDir="$DANGER/config" -Dneotool.outputDir="$DANGER" \
    -Dneotool.diff.failOnDanger=true > "$WORK/danger-diff.txt" 2>&1; then
  cat "$WORK/danger-diff.txt" >&2; echo "neotool:diff did not flag the claim template change" >&2; exit 1
fi
grep -F "[rejected by the API server] production: StatefulSet production/postgres: /spec/volumeClaimTemplates" "$WORK/danger-diff.txt" \
  || { cat "$WORK/danger-diff.txt" >&2; exit 1; }
./mvnw -q -B -N neotool:generate -Dneotool.configDir="$DANGER/config" -Dneotool.outputDir="$DANGER" >/dev/null
start danger
if "$APPLY" run -kubeconfig "$KUBECONFIG_FILE" -cluster production -crds "$CRDS" "$WORK/current" "$DANGER" > "$WORK/danger-apply.txt" 2>&1; then
  cat "$WORK/danger-apply.txt" >&2; echo "the API server accepted the change neotool:diff flagged" >&2; exit 1
fi
grep -o "StatefulSet.apps \"postgres\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than[^']*" "$WORK/danger-apply.txt" | head -n 1 \
  || { cat "$WORK/danger-apply.txt" >&2; exit 1; }
echo "neotool:diff and the API server agree: the claim template change is rejected in place"
stop

echo "=== seeded defects (go test, on a server of their own)"
start seeded
(cd e2e/apply && NEOTOOL_E2E_KUBECONFIG="$KUBECONFIG_FILE" NEOTOOL_E2E_CRDS="$CRDS" go test -count=1 -v ./... 2>&1 | grep -E '^(=== RUN|--- |PASS|FAIL|ok|\s+\S+_test.go)')
stop
echo "e2e passed in $((SECONDS - t0)) s"
