#!/usr/bin/env bash
# Unleash (unleash-server from npm) started with the environment the pinned chart renders for the
# generated HelmRelease (helm template, offline) and the DATABASE_URL_FILE its Vault agent template
# renders for the owner's password, through the PgBouncer of pgbouncer.sh: it must run every
# migration and answer its health check, having logged in through PgBouncer.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
source "$WORK/state"

RELEASE=infrastructure/production/configs/unleash/helmrelease-unleash.yaml
version=$("$PYTHON" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["spec"]["chart"]["spec"]["version"])' "$RELEASE")
"$PYTHON" - "$RELEASE" "$WORK/unleash-values.json" "$WORK/unleash-url.tpl" <<'PY'
import json, sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))["spec"]
json.dump(spec["values"], open(sys.argv[2], "w"))
open(sys.argv[3], "w").write(spec["values"]["podAnnotations"]["vault.hashicorp.com/agent-inject-template-database-url"])
PY
"$HELM" template unleash "$(chart_package unleash "$version")" -n production -f "$WORK/unleash-values.json" > "$WORK/unleash.yaml"
HTTP=$(free_port)
# the container's environment, hosts and paths changed only
"$PYTHON" - "$WORK/unleash.yaml" "$WORK" "$PB_PORT" > "$WORK/unleash.env" <<'PY'
import shlex, sys, yaml
work, pb_port = sys.argv[2], sys.argv[3]
for doc in yaml.safe_load_all(open(sys.argv[1])):
    if doc and doc["kind"] == "Deployment":
        container = doc["spec"]["template"]["spec"]["containers"][0]
for e in container["env"]:
    value = e["value"]
    value = {"pgbouncer": "127.0.0.1", "5432": pb_port, "/vault/secrets/database-url": work + "/database-url"}.get(value, value)
    print("export %s=%s" % (e["name"], shlex.quote(value)))
PY
grep -q '^export DATABASE_URL_FILE=' "$WORK/unleash.env" || { echo "the chart no longer passes DATABASE_URL_FILE" >&2; exit 1; }
render unleash "$WORK/unleash-url.tpl" "$(json_password "pw-db-unleash")" | sed "s#@pgbouncer:5432/#@127.0.0.1:$PB_PORT/#" > "$WORK/database-url"
grep -q "@127.0.0.1:$PB_PORT/" "$WORK/database-url" || { echo "the database URL no longer names pgbouncer:5432" >&2; exit 1; }
(
  source "$WORK/unleash.env"
  export HTTP_HOST=127.0.0.1 HTTP_PORT="$HTTP" LOG_LEVEL=warn
  exec node "$UNLEASH/node_modules/unleash-server/dist/server.js"
) > "$WORK/unleash.log" 2>&1 &
record $!
if ! wait_for "Unleash" curl -fsS "http://127.0.0.1:$HTTP/health"; then tail -n 30 "$WORK/unleash.log" >&2; exit 1; fi
migrations=$(PGPASSWORD="$SUPERUSER" "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d unleash -tAq -c 'SELECT count(*) FROM migrations')
available=$(ls "$UNLEASH/node_modules/unleash-server/dist/migrations"/*.js | wc -l)
[ "$migrations" = "$available" ] || { echo "Unleash ran $migrations of $available migrations" >&2; exit 1; }
# PgBouncer's own statistics: transactions pooled for the unleash database
pooled=$(PGPASSWORD="$HARD" "$PGBIN/psql" -h 127.0.0.1 -p "$PB_PORT" -U pgbouncer -d pgbouncer -Aq -F ' ' -c 'SHOW STATS' \
  | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "total_xact_count") c = i } $1 == "unleash" { print $c }')
[ "${pooled:-0}" -gt 0 ] || { echo "Unleash did not connect through PgBouncer" >&2; exit 1; }
echo "unleash: unleash-server $(node -p "require('$UNLEASH/node_modules/unleash-server/package.json').version") ran $migrations migrations through PgBouncer ($pooled transactions pooled) and answers /health"
