#!/usr/bin/env bash
# PgBouncer (≥ the generated config's minimum) with the generated pgbouncer.ini and the userlist its
# Vault agent template renders for the auth user's hard password, in front of the PostgreSQL of
# databases.sh: owners log in (SCRAM through auth_query), the auth user's userlist is read back
# exactly, the superuser and the pgbouncer_auth alias are refused, a client's options are refused
# instead of dropped. Leaves PgBouncer running for the next parts ($WORK/state: PB_PORT).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
source "$WORK/state"

PB_PORT=$(free_port)
"$PYTHON" - "$WORK" "$PG_PORT" "$PB_PORT" <<'PY'
import sys, yaml
work, port, pb_port = sys.argv[1:4]
cm = yaml.safe_load(open("infrastructure/production/configs/pgbouncer/configmap-pgbouncer-config.yaml"))
ini = cm["data"]["pgbouncer.ini"]
for old, new in [("host=postgres port=5432", "host=127.0.0.1 port=" + port),
                 ("listen_addr = 0.0.0.0", "listen_addr = 127.0.0.1"),
                 ("listen_port = 5432", "listen_port = " + pb_port),
                 ("auth_file = /vault/secrets/userlist.txt", "auth_file = " + work + "/userlist.txt")]:
    assert old in ini, "pgbouncer.ini no longer has: " + old
    ini = ini.replace(old, new)
open(work + "/pgbouncer.ini", "w").write(ini + "logfile = " + work + "/pgbouncer.log\npidfile = " + work + "/pgbouncer.pid\n")
deployment = yaml.safe_load(open("infrastructure/production/configs/pgbouncer/deployment-pgbouncer.yaml"))
annotations = deployment["spec"]["template"]["metadata"]["annotations"]
open(work + "/userlist.tpl", "w").write(annotations["vault.hashicorp.com/agent-inject-template-userlist.txt"])
open(work + "/exporter-dsn.tpl", "w").write(annotations["vault.hashicorp.com/agent-inject-template-pgbouncer-exporter-dsn"])
PY
render pgbouncer "$WORK/userlist.tpl" "$(json_password "$HARD")" > "$WORK/userlist.txt"
chmod a+r "$WORK/userlist.txt" "$WORK/pgbouncer.ini"

as_owner "$PGBOUNCER" -d "$WORK/pgbouncer.ini"
wait_for "PgBouncer" test -s "$WORK/pgbouncer.pid"
record "$(cat "$WORK/pgbouncer.pid")"
bouncer() { PGPASSWORD="$1" "$PGBIN/psql" -h 127.0.0.1 -p "$PB_PORT" -U "$2" -d "$3" -tAq -c "$4"; }
[ "$(bouncer rotated "$FIRST_DB" "$FIRST_DB" 'SELECT current_user')" = "$FIRST_DB" ] \
  || { echo "owner $FIRST_DB cannot log in through PgBouncer" >&2; exit 1; }
bouncer "$HARD" pgbouncer pgbouncer 'SHOW VERSION' >/dev/null \
  || { echo "PgBouncer refuses its auth user's password as its userlist renders it" >&2; cat "$WORK/userlist.txt" >&2; exit 1; }
if bouncer "$SUPERUSER" postgres postgres 'SELECT 1' >/dev/null 2>&1; then
  echo "the superuser logs in through PgBouncer" >&2; exit 1
fi
if bouncer rotated "$FIRST_DB" pgbouncer_auth 'SELECT 1' >/dev/null 2>&1; then
  echo "owner $FIRST_DB reaches the postgres database through PgBouncer's pgbouncer_auth alias" >&2; exit 1
fi
# a client's options are applied or refused, never dropped in silence
if PGOPTIONS='-c statement_timeout=1234' bouncer rotated "$FIRST_DB" "$FIRST_DB" 'SHOW statement_timeout' \
    > "$WORK/options" 2>&1; then
  echo "PgBouncer accepted options it does not apply: statement_timeout = $(cat "$WORK/options")" >&2; exit 1
fi
grep -q 'unsupported startup parameter in options' "$WORK/options" || { cat "$WORK/options" >&2; exit 1; }
printf 'PB_PORT=%q\n' "$PB_PORT" >> "$WORK/state"
echo "pgbouncer: $("$PGBOUNCER" --version | head -n 1) with the generated pgbouncer.ini: owner login (SCRAM, auth_query), the auth user's userlist for a hard password, superuser and pgbouncer_auth refused, options refused not dropped"
