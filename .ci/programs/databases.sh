#!/usr/bin/env bash
# PostgreSQL 18 with the generated postgres-databases Job script and each app's database Job (from the
# committed production tree), run the way the Jobs run them on the cluster: twice (it must be idempotent), then again
# after a password rotation. Every declared database and owner role exists, each owner logs in
# with its Vault password over scram-sha-256, PgBouncer's lookup function answers for an owner and
# for no one else (not the superuser, not its own auth user), an owner cannot reach the "postgres"
# database. Leaves the server running for the next parts ($WORK/state: PG_PORT, the passwords).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh

PG_PORT=$(free_port)
HARD='p"@ss:/w?#%+ d\x é'
SUPERUSER='su "pw" @:/ $x'
printf '%s' "$SUPERUSER" > "$WORK/su"
as_owner "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth-host=scram-sha-256 --auth-local=trust --pwfile="$WORK/su" >/dev/null
as_owner "$PGBIN/pg_ctl" -D "$WORK/data" -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$WORK" \
  -l "$WORK/postgres.log" -w start >/dev/null
record "$(head -n 1 "$WORK/data/postmaster.pid")"

# The script and the Vault files it reads, as the Job sees them.
SECRETS="$WORK/secrets/"
mkdir -p "$SECRETS"
"$PYTHON" - "$SECRETS" "$PG_PORT" "$HARD" "$SUPERUSER" "$WORK" <<'PY'
import glob, sys, yaml
secrets, port, hard, superuser, work = sys.argv[1:6]
cm = yaml.safe_load(open("infrastructure/production/configs/postgres/configmap-postgres-databases.yaml"))
jobs = [yaml.safe_load(open("infrastructure/production/configs/postgres/job-postgres-databases.yaml"))]
# each app's database Job: the one-database script of the same ConfigMap, with its arguments
apps = sorted(glob.glob("apps/production/*-database/job-*.yaml"))
jobs += [yaml.safe_load(open(f)) for f in apps]
for job in jobs:
    for k in job["spec"]["template"]["metadata"]["annotations"]:
        if k.startswith("vault.hashicorp.com/agent-inject-secret-"):
            f = k[len("vault.hashicorp.com/agent-inject-secret-"):]
            value = {"postgres-password": superuser, "pgbouncer-password": hard}.get(f, "pw-" + f)
            open(secrets + f, "w", encoding="utf-8").write(value)
server = "export PGHOST=postgres PGPORT=5432"
for key, out in (("ensure-databases.sh", "ensure-databases.sh"), ("ensure-database.sh", "ensure-database.sh")):
    script = cm["data"][key]
    assert server in script, "the script no longer connects with: " + server
    open(work + "/" + out, "w").write(script.replace("/vault/secrets/", secrets).replace(server, "export PGHOST=127.0.0.1 PGPORT=" + port))
with open(work + "/app-jobs", "w") as out:
    for f in apps:
        command = yaml.safe_load(open(f))["spec"]["template"]["spec"]["containers"][0]["command"]
        assert command[:2] == ["/bin/bash", "/scripts/ensure-database.sh"], f + ": " + str(command)
        out.write(command[2] + " " + command[3].replace("/vault/secrets/", secrets) + "\n")
assert apps, "no app has a database Job"
PY
chmod -R a+rX "$WORK/secrets" "$WORK/ensure-databases.sh" "$WORK/ensure-database.sh"
databases="$(grep -o '^ensure_database [a-z_0-9]*' "$WORK/ensure-databases.sh" | cut -d' ' -f2) $(cut -d' ' -f1 "$WORK/app-jobs")"
databases=$(echo $databases | tr ' ' '\n' | sort)
# the shared Job, then each app's, as Flux runs them (each app's after the shared one's Kustomization)
run_job() {
  as_owner env PATH="$PGBIN:$PATH" bash "$WORK/ensure-databases.sh" > "$WORK/job.log" 2>&1 || { cat "$WORK/job.log" >&2; return 1; }
  while read -r name file; do
    as_owner env PATH="$PGBIN:$PATH" bash "$WORK/ensure-database.sh" "$name" "$file" >> "$WORK/job.log" 2>&1 || { cat "$WORK/job.log" >&2; return 1; }
  done < "$WORK/app-jobs"
}
psql18() { "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -tAq "$@"; }
sql() { PGPASSWORD="$SUPERUSER" psql18 -U postgres -d postgres -c "$1"; }

echo "-- first run"; run_job
echo "-- second run (idempotent)"; run_job
for db in $databases; do
  [ "$(sql "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 1 ] || { echo "database $db missing" >&2; exit 1; }
  PGPASSWORD="pw-db-${db//_/-}" psql18 -U "$db" -d "$db" -c 'SELECT 1' >/dev/null \
    || { echo "owner $db cannot log in to $db" >&2; exit 1; }
done
first=$(echo "$databases" | head -n 1)
lookup=$(PGPASSWORD="$HARD" psql18 -U pgbouncer -d postgres -c "SELECT password FROM pgbouncer.get_auth('$first')")
case "$lookup" in SCRAM-SHA-256*) ;; *) echo "pgbouncer.get_auth('$first') answered '$lookup'" >&2; exit 1 ;; esac
# The lookup answers for the owners only: never the superuser, nor PgBouncer's own auth user (so
# neither logs in through PgBouncer); only the auth user reaches the "postgres" database.
for role in postgres pgbouncer; do
  answer=$(PGPASSWORD="$HARD" psql18 -U pgbouncer -d postgres -c "SELECT count(*) FROM pgbouncer.get_auth('$role')")
  [ "$answer" = 0 ] || { echo "pgbouncer.get_auth('$role') answers: the $role role could log in through PgBouncer" >&2; exit 1; }
done
if PGPASSWORD="pw-db-${first//_/-}" psql18 -U "$first" -d postgres -c 'SELECT 1' >/dev/null 2>"$WORK/denied"; then
  echo "owner $first can connect to the postgres database (PgBouncer's pgbouncer_auth alias reaches it)" >&2; exit 1
fi
grep -q 'permission denied for database' "$WORK/denied" || { cat "$WORK/denied" >&2; exit 1; }
echo "-- rotated password, third run"
printf '%s' rotated > "$SECRETS/db-${first//_/-}"
run_job
PGPASSWORD=rotated psql18 -U "$first" -d "$first" -c 'SELECT 1' >/dev/null \
  || { echo "rotated password of $first not applied" >&2; exit 1; }
{
  printf 'PG_PORT=%q\nSUPERUSER=%q\nHARD=%q\nFIRST_DB=%q\nDATABASES=%q\n' "$PG_PORT" "$SUPERUSER" "$HARD" "$first" "$(echo $databases)"
} >> "$WORK/state"
echo "databases jobs (the shared one and $(wc -l < "$WORK/app-jobs") apps'): $(echo "$databases" | wc -w) databases, 3 runs, logins and PgBouncer lookup verified on PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')"
