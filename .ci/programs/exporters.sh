#!/usr/bin/env bash
# The exporters the configs run, each on the real program it watches, scraped; then every metric
# name and label key that an alert rule, a recording rule or a dashboard query uses (read by the
# PromQL parser of the pinned Prometheus, .ci/programs/promtool/series) must appear in a scrape, or
# be allow-listed with the reason (metrics-allowlist.tsv). A seeded check follows: the same check
# with one metric taken out of a scrape must fail, naming the rule that uses it. The metrics the
# rules use, as scraped, are committed (generator/src/test/resources/monitoring/scraped-series.tsv)
# and AlertRulesTest builds its synthetic series from them only; the harness fails when that file
# no longer matches the scrapes (UPDATE_SCRAPED=1 rewrites it).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
source "$WORK/state"

DIR="$WORK/exporters"
mkdir -p "$DIR/scrapes"
# postgres_exporter with the StatefulSet's metrics container environment, the socket folder changed
# only (the harness' server puts its socket in $WORK, as the image's does in /var/run/postgresql,
# and trusts local connections as the image's initdb does)
P_PORT=$(free_port)
"$PYTHON" - "$WORK" "$PG_PORT" <<'PY' > "$DIR/postgres.env"
import shlex, sys, yaml
work, port = sys.argv[1:3]
sts = yaml.safe_load(open("infrastructure/production/configs/postgres/statefulset-postgres.yaml"))
c = [c for c in sts["spec"]["template"]["spec"]["containers"] if c["name"] == "metrics"][0]
for e in c["env"]:
    assert "host=/var/run/postgresql " in e["value"], "the exporter no longer connects over the socket: " + e["value"]
    v = e["value"].replace("host=/var/run/postgresql ", f"host={work} port={port} ")
    print(f"export {e['name']}={shlex.quote(v)}")
PY
(source "$DIR/postgres.env"; exec "$POSTGRES_EXPORTER" --web.listen-address="127.0.0.1:$P_PORT") > "$DIR/postgres.log" 2>&1 &
record $!
# its role reads statistics and nothing else: no app database, not PgBouncer's lookup, no TCP login
as_exporter() { "$PGBIN/psql" -h "$WORK" -p "$PG_PORT" -U postgres_exporter -tAq "$@"; }
[ "$(as_exporter -d postgres -c "SELECT pg_has_role('pg_monitor', 'MEMBER') AND NOT rolsuper FROM pg_roles WHERE rolname = current_user")" = t ] \
  || { echo "postgres_exporter's role is not a pg_monitor member without superuser" >&2; exit 1; }
for db in $DATABASES; do
  if as_exporter -d "$db" -c 'SELECT 1' >/dev/null 2>&1; then echo "postgres_exporter's role can connect to $db" >&2; exit 1; fi
done
if as_exporter -d postgres -c "SELECT * FROM pgbouncer.get_auth('$FIRST_DB')" >/dev/null 2>&1; then
  echo "postgres_exporter's role can run PgBouncer's lookup" >&2; exit 1
fi
if PGPASSWORD=x "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres_exporter -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
  echo "postgres_exporter's role logs in over the network" >&2; exit 1
fi
# pgbouncer_exporter with the connection string its Vault agent template renders
B_PORT=$(free_port)
dsn=$(render pgbouncer "$WORK/exporter-dsn.tpl" "$(json_password "$HARD")" | sed "s/^host=127.0.0.1 port=5432 /host=127.0.0.1 port=$PB_PORT /")
PGBOUNCER_EXPORTER_CONNECTION_STRING="$dsn" "$PGBOUNCER_EXPORTER" --web.listen-address="127.0.0.1:$B_PORT" > "$DIR/pgbouncer.log" 2>&1 &
record $!
wait_for "postgres_exporter" curl -fsS "http://127.0.0.1:$P_PORT/metrics"
wait_for "pgbouncer_exporter" curl -fsS "http://127.0.0.1:$B_PORT/metrics"
sleep 1
curl -fsS "http://127.0.0.1:$P_PORT/metrics" > "$DIR/scrapes/postgres_exporter"
curl -fsS "http://127.0.0.1:$B_PORT/metrics" > "$DIR/scrapes/pgbouncer_exporter"
# Vault's own telemetry, on the listener the generated config opens to Prometheus unauthenticated
curl -fsS "$VAULT_ADDR/v1/sys/metrics?format=prometheus" > "$DIR/scrapes/vault"
# kube-state-metrics, scraped by e2e/run.sh on the control plane the production tree was applied to
# (CI runs it before this harness); without it, the Kubernetes and Flux series cannot be checked
ALLOWLIST=.ci/programs/metrics-allowlist.tsv
KSM_SCRAPE=target/ci/scrapes/production/kube-state-metrics
if [ -s "$KSM_SCRAPE" ]; then
  cp "$KSM_SCRAPE" "$DIR/scrapes/kube-state-metrics"
elif [ -n "${CI:-}" ]; then
  echo "no scrape of kube-state-metrics at $KSM_SCRAPE: e2e/run.sh writes it and runs first in CI" >&2; exit 1
else
  echo "SKIPPED the kube-state-metrics series: run e2e/run.sh first to scrape it"
  { cat "$ALLOWLIST"; printf '^(kube_|gotk_)\tnot scraped in this run (no e2e/run.sh before it)\n'; } > "$DIR/allowlist.tsv"
  ALLOWLIST="$DIR/allowlist.tsv"
fi
grep -q '^pg_up 1' "$DIR/scrapes/postgres_exporter" || { echo "postgres_exporter does not reach PostgreSQL:" >&2; tail "$DIR/postgres.log" >&2; exit 1; }
grep -q '^pgbouncer_up 1' "$DIR/scrapes/pgbouncer_exporter" || { echo "pgbouncer_exporter does not reach PgBouncer:" >&2; tail "$DIR/pgbouncer.log" >&2; exit 1; }

# every PromQL expression of the rules and the dashboards, read by the pinned Prometheus' parser
"$PYTHON" - > "$DIR/queries.jsonl" <<'PY'
import json, yaml
hr = yaml.safe_load(open("infrastructure/production/controllers/prometheus/helmrelease-prometheus.yaml"))
files = hr["spec"]["values"]["serverFiles"]
for name in ("alerting_rules.yml", "recording_rules.yml"):
    for group in (files.get(name) or {}).get("groups", []):
        for rule in group["rules"]:
            source = "alert " + rule["alert"] if "alert" in rule else "recording rule " + rule["record"]
            print(json.dumps({"source": source, "expr": rule["expr"]}))
cm = yaml.safe_load(open("infrastructure/production/controllers/grafana/configmap-grafana-dashboards.yaml"))
for file, text in sorted(cm["data"].items()):
    for panel in json.loads(text).get("panels", []):
        for target in panel.get("targets", []):
            if target.get("datasource", panel.get("datasource", {})).get("type") == "prometheus" and "expr" in target:
                print(json.dumps({"source": f"dashboard {file} panel '{panel['title']}'", "expr": target["expr"]}))
PY
"$SERIES" < "$DIR/queries.jsonl" > "$DIR/series.jsonl"
check() { "$PYTHON" .ci/programs/metrics-check.py "$DIR/series.jsonl" "$DIR/scrapes" "$ALLOWLIST" "$WORK/prometheus/config/prometheus.yml" "$@"; }
check --catalog "$DIR/scraped-series.tsv" > "$DIR/check.log" || { cat "$DIR/check.log" >&2; exit 1; }
# seeded: pg_up taken out of the postgres_exporter scrape must fail the check, naming its alert
mkdir -p "$DIR/seeded" && cp "$DIR/scrapes"/* "$DIR/seeded/"
grep -v '^pg_up' "$DIR/scrapes/postgres_exporter" > "$DIR/seeded/postgres_exporter"
if "$PYTHON" .ci/programs/metrics-check.py "$DIR/series.jsonl" "$DIR/seeded" "$ALLOWLIST" "$WORK/prometheus/config/prometheus.yml" > "$DIR/seeded.log" 2>&1; then
  echo "the check passed with pg_up missing from the scrape" >&2; exit 1
fi
grep -q "pg_up.*alert PostgresDown" "$DIR/seeded.log" || { echo "the seeded failure does not name PostgresDown:" >&2; cat "$DIR/seeded.log" >&2; exit 1; }
COMMITTED=generator/src/test/resources/monitoring/scraped-series.tsv
if [ "${UPDATE_SCRAPED:-0}" = 1 ]; then cp "$DIR/scraped-series.tsv" "$COMMITTED"; fi
diff -u "$COMMITTED" "$DIR/scraped-series.tsv" >&2 || {
  echo "$COMMITTED no longer matches the scrapes: rerun with UPDATE_SCRAPED=1 and commit it" >&2; exit 1; }
tail -n 1 "$DIR/check.log"
echo "exporters: postgres_exporter $(module_version "$POSTGRES_EXPORTER" github.com/prometheus-community/postgres_exporter) on PostgreSQL 18 as a pg_monitor role over the socket (no app database, no lookup, no network login), pgbouncer_exporter $(module_version "$PGBOUNCER_EXPORTER" github.com/prometheus-community/pgbouncer_exporter) on PgBouncer, Vault's telemetry, kube-state-metrics (from e2e/run.sh); a scrape without pg_up fails the check naming PostgresDown"
