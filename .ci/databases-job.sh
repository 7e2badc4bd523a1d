#!/usr/bin/env bash
# Runs the generated postgres-databases Job script (from the committed production tree) against a
# real, throwaway PostgreSQL on 127.0.0.1, the way the Job runs it on the cluster: twice (it must be
# idempotent), then again after a password rotation. Checks that every declared database and owner
# role exists, that each owner logs in with its Vault password over scram-sha-256, and that
# PgBouncer's lookup function answers for an owner and for no one else (not the superuser, not its
# own auth user), and that an owner cannot reach the "postgres" database. Stops exactly the server it
# started.
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "installing the PostgreSQL server (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; fi
cleanup() {
  if [ -s "$WORK/pgbouncer.pid" ]; then kill "$(cat "$WORK/pgbouncer.pid")" 2>/dev/null || true; fi
  as_owner "$PGBIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "superuser-secret" > "$WORK/su"
chmod 644 "$WORK/su"
as_owner "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth-host=scram-sha-256 --auth-local=trust --pwfile="$WORK/su" >/dev/null
as_owner "$PGBIN/pg_ctl" -D "$WORK/data" -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$WORK" -l "$WORK/log" -w start >/dev/null

# The script and the Vault files it reads, as the Job sees them.
SECRETS="$WORK/secrets/"
mkdir -p "$SECRETS"
# PyYAML: from the CI venv of .ci/schemas.sh when it is there (a fresh machine's Python may lack it)
PYTHON=python3
if [ -x target/ci/venv/bin/python ]; then PYTHON=target/ci/venv/bin/python; fi
"$PYTHON" - "$SECRETS" "$PORT" > "$WORK/ensure-databases.sh" <<'PY'
import sys, yaml
cm = yaml.safe_load(open("infrastructure/production/configs/postgres/configmap-postgres-databases.yaml"))
job = yaml.safe_load(open("infrastructure/production/configs/postgres/job-postgres-databases.yaml"))
files = [k[len("vault.hashicorp.com/agent-inject-secret-"):] for k in job["spec"]["template"]["metadata"]["annotations"]
         if k.startswith("vault.hashicorp.com/agent-inject-secret-")]
HARD = 'p"@ss:/w?#%+ d\\x é'  # quote, URL and shell specials, a backslash, a space, unicode
for f in files:
    value = {"postgres-password": "superuser-secret", "pgbouncer-password": HARD}.get(f, "pw-" + f)
    open(sys.argv[1] + f, "w", encoding="utf-8").write(value)
script = cm["data"]["ensure-databases.sh"]
server = "export PGHOST=postgres PGPORT=5432"
assert server in script, "the script no longer connects with: " + server
print(script.replace("/vault/secrets/", sys.argv[1]).replace(server, "export PGHOST=127.0.0.1 PGPORT=" + sys.argv[2]))
PY
chmod -R a+rX "$WORK/secrets" "$WORK/ensure-databases.sh"
databases=$(grep -o '^ensure_database [a-z_0-9]*' "$WORK/ensure-databases.sh" | cut -d' ' -f2)
run_job() { as_owner bash "$WORK/ensure-databases.sh"; }
sql() { as_owner env PGPASSWORD=superuser-secret "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAq -c "$1"; }

echo "-- first run"; run_job
echo "-- second run (idempotent)"; run_job
for db in $databases; do
  [ "$(sql "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 1 ] || { echo "database $db missing" >&2; exit 1; }
  PGPASSWORD="pw-db-${db//_/-}" "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U "$db" -d "$db" -tAq -c 'SELECT 1' >/dev/null \
    || { echo "owner $db cannot log in to $db" >&2; exit 1; }
done
first=$(echo "$databases" | head -n 1)
HARD='p"@ss:/w?#%+ d\x é'
lookup=$(PGPASSWORD="$HARD" "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U pgbouncer -d postgres -tAq \
  -c "SELECT password FROM pgbouncer.get_auth('$first')")
case "$lookup" in SCRAM-SHA-256*) ;; *) echo "pgbouncer.get_auth('$first') answered '$lookup'" >&2; exit 1 ;; esac
# The lookup answers for the owners only: never the superuser, nor PgBouncer's own auth user (so
# neither logs in through PgBouncer); only the auth user reaches the "postgres" database.
for role in postgres pgbouncer; do
  answer=$(PGPASSWORD="$HARD" "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U pgbouncer -d postgres -tAq \
    -c "SELECT count(*) FROM pgbouncer.get_auth('$role')")
  [ "$answer" = 0 ] || { echo "pgbouncer.get_auth('$role') answers: the $role role could log in through PgBouncer" >&2; exit 1; }
done
if PGPASSWORD="pw-db-${first//_/-}" "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U "$first" -d postgres -tAq -c 'SELECT 1' \
    >/dev/null 2>"$WORK/denied"; then
  echo "owner $first can connect to the postgres database (PgBouncer's pgbouncer_auth alias reaches it)" >&2; exit 1
fi
grep -q 'permission denied for database' "$WORK/denied" || { cat "$WORK/denied" >&2; exit 1; }
echo "-- rotated password, third run"
echo -n "rotated" > "$SECRETS/db-${first//_/-}"
run_job
PGPASSWORD=rotated "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U "$first" -d "$first" -tAq -c 'SELECT 1' >/dev/null \
  || { echo "rotated password of $first not applied" >&2; exit 1; }
echo "databases job: $(echo "$databases" | wc -w) databases, 3 runs, logins and PgBouncer lookup verified on PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"

# PgBouncer with the generated pgbouncer.ini and the userlist its Vault agent template renders for a
# password with a double quote, URL and shell specials, a backslash, a space and unicode.
PGBOUNCER=$(.ci/pgbouncer-build.sh | tail -n 1)
PB_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$PYTHON" - "$WORK" "$PORT" "$PB_PORT" <<'PY'
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
PY
secret=$("$PYTHON" -c 'import json,sys; print(json.dumps({"password": sys.argv[1]}))' "$HARD")
(cd .ci/agent-template && GOFLAGS=-mod=mod go run . "$WORK/userlist.tpl" "$secret") > "$WORK/userlist.txt"
chmod a+r "$WORK/userlist.txt" "$WORK/pgbouncer.ini"
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; fi
# run as the server's owner, which cannot read root's cache: a copy beside the files it reads
cp "$PGBOUNCER" "$WORK/pgbouncer" && chmod 755 "$WORK/pgbouncer"
as_owner "$WORK/pgbouncer" -d "$WORK/pgbouncer.ini"
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$WORK/pgbouncer.pid" ] && break; sleep 0.5; done
bouncer() { PGPASSWORD="$1" "$PGBIN/psql" -h 127.0.0.1 -p "$PB_PORT" -U "$2" -d "$3" -tAq -c "$4"; }
[ "$(bouncer rotated "$first" "$first" 'SELECT current_user')" = "$first" ] \
  || { echo "owner $first cannot log in through PgBouncer" >&2; exit 1; }
bouncer "$HARD" pgbouncer pgbouncer 'SHOW VERSION' >/dev/null \
  || { echo "PgBouncer refuses its auth user's password as its userlist renders it" >&2; cat "$WORK/userlist.txt" >&2; exit 1; }
if bouncer superuser-secret postgres postgres 'SELECT 1' >/dev/null 2>&1; then
  echo "the superuser logs in through PgBouncer" >&2; exit 1
fi
if bouncer rotated "$first" pgbouncer_auth 'SELECT 1' >/dev/null 2>&1; then
  echo "owner $first reaches the postgres database through PgBouncer's pgbouncer_auth alias" >&2; exit 1
fi
# a client's options are applied or refused, never dropped in silence
if PGOPTIONS='-c statement_timeout=1234' bouncer rotated "$first" "$first" 'SHOW statement_timeout' \
    > "$WORK/options" 2>&1; then
  echo "PgBouncer accepted options it does not apply: statement_timeout = $(cat "$WORK/options")" >&2; exit 1
fi
grep -q 'unsupported startup parameter in options' "$WORK/options" || { cat "$WORK/options" >&2; exit 1; }
echo "pgbouncer: $("$PGBOUNCER" --version | head -n 1) with the generated pgbouncer.ini: owner login (SCRAM, auth_query), the auth user's userlist for a hard password, superuser and pgbouncer_auth refused, options refused not dropped"
