#!/usr/bin/env bash
# The Prometheus HelmRelease rendered by its pinned chart (helm template, offline), and what it
# renders checked by the programs that read it, at the pinned versions: promtool (Prometheus
# 2.55.1) on prometheus.yml with the rule files it loads, amtool (Alertmanager 0.27.0) on
# alertmanager.yml. Paths changed only: /etc/config/, the Vault agent's /vault/secrets/ and the
# service account's files point at the run's folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh

RELEASE=infrastructure/production/controllers/prometheus/helmrelease-prometheus.yaml
version=$("$PYTHON" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["spec"]["chart"]["spec"]["version"])' "$RELEASE")
"$PYTHON" -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1]))["spec"]["values"], open(sys.argv[2], "w"))' \
  "$RELEASE" "$WORK/prometheus-values.json"
"$HELM" template prometheus "$(chart_package prometheus "$version")" -n production -f "$WORK/prometheus-values.json" > "$WORK/prometheus.yaml"
DIR="$WORK/prometheus"
mkdir -p "$DIR/config" "$DIR/alertmanager" "$DIR/secrets" "$DIR/serviceaccount"
# the pod's service account files, which Prometheus reads for the Kubernetes API
printf token > "$DIR/serviceaccount/token" && printf ca > "$DIR/serviceaccount/ca.crt"
"$PYTHON" - "$WORK/prometheus.yaml" "$DIR" <<'PY'
import re, sys, yaml
rendered, out = sys.argv[1:3]
found = set()
for doc in yaml.safe_load_all(open(rendered)):
    if not doc or doc["kind"] != "ConfigMap":
        continue
    folder = {"prometheus": "config", "alertmanager": "alertmanager"}.get(doc["metadata"]["name"])
    if folder is None:
        continue
    found.add(folder)
    for name, text in doc["data"].items():
        text = (text.replace("/etc/config/", out + "/config/").replace("/vault/secrets/", out + "/secrets/")
                .replace("/var/run/secrets/kubernetes.io/serviceaccount/", out + "/serviceaccount/"))
        for secret in re.findall(re.escape(out) + r"/secrets/[A-Za-z0-9._-]+", text):
            open(secret, "w").write("https://hooks.example.test/x" if "url" in secret else "secret")
        open(f"{out}/{folder}/{name}", "w").write(text)
assert found == {"config", "alertmanager"}, f"the chart rendered the ConfigMaps {sorted(found)}"
PY
"$PROMTOOL" check config "$DIR/config/prometheus.yml" > "$WORK/promtool.log" 2>&1 || { cat "$WORK/promtool.log" >&2; exit 1; }
rules=$(grep -o 'SUCCESS: [0-9]* rules found' "$WORK/promtool.log" | awk '{s += $2} END {print s + 0}')
[ "$rules" -gt 0 ] || { echo "promtool found no rule: the rule files are not loaded" >&2; cat "$WORK/promtool.log" >&2; exit 1; }
"$AMTOOL" check-config "$DIR/alertmanager/alertmanager.yml" > "$WORK/amtool.log" 2>&1 || { cat "$WORK/amtool.log" >&2; exit 1; }
receivers=$(grep -o ' - [0-9]* receivers' "$WORK/amtool.log" | awk '{print $2}')
echo "prometheus: chart $version rendered; promtool of prometheus $(module_version "$PROMTOOL" github.com/prometheus/prometheus): prometheus.yml and $rules rules valid; amtool of alertmanager $(module_version "$AMTOOL" github.com/prometheus/alertmanager): alertmanager.yml valid, ${receivers:-?} receivers"
