#!/usr/bin/env bash
# Passwords from the whole printable range through every template and every consumer: fixed hard
# cases plus a bounded random sample per run (passwords.py; PASSWORDS=count, PASSWORD_SEED=seed to
# replay one). For each, as the superuser's, PgBouncer's auth user's and Unleash's owner's password
# at once: the databases Job sets them (reading the Vault files); the owner logs in directly and
# through PgBouncer (which logs in with the userlist its agent template renders); the auth user
# opens PgBouncer's console, directly and with the exporter's rendered connection string (libpq's
# parser); Unleash's own driver connects with the URL its template renders.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
source "$WORK/state"

SECRETS="$WORK/secrets"
count=0
PASSWORD_LIST="$WORK/passwords.txt"
python3 .ci/programs/passwords.py "${PASSWORDS:-25}" ${PASSWORD_SEED:+"$PASSWORD_SEED"} > "$PASSWORD_LIST"
current="$SUPERUSER"
connect_node='
  const { parse } = require(process.env.UNLEASH + "/node_modules/pg-connection-string");
  const { Client } = require(process.env.UNLEASH + "/node_modules/pg");
  const url = require("fs").readFileSync(process.argv[1], "utf8");
  const c = parse(url);
  if (c.password !== process.env.PASSWORD) { console.error("parsed password " + JSON.stringify(c.password)); process.exit(1); }
  const client = new Client(c);
  client.connect().then(() => client.query("SELECT current_user AS u")).then(r => {
    if (r.rows[0].u !== "unleash") { console.error("connected as " + r.rows[0].u); process.exit(1); }
    return client.end();
  }).catch(e => { console.error(e.message); process.exit(1); });'
fail() { echo "password $(printf '%q' "$password"): $*" >&2; exit 1; }
# three nodes: the Secret manifests the postgres-secrets Job renders for CloudNativePG (staging's)
SECRETS_JOB=infrastructure/staging/configs/postgres/job-postgres-secrets.yaml
"$PYTHON" - "$SECRETS_JOB" "$WORK" <<'PY'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
annotations = job["spec"]["template"]["metadata"]["annotations"]
for name in ("superuser", "backup-s3"):
    open(sys.argv[2] + "/cnpg-" + name + ".tpl", "w").write(annotations["vault.hashicorp.com/agent-inject-template-" + name])
PY
check_secret='
import base64, sys, yaml
secret = yaml.safe_load(sys.stdin)
want, name, key = sys.argv[1], sys.argv[2], sys.argv[3]
assert secret["kind"] == "Secret" and secret["metadata"]["name"] == name, secret["metadata"]
got = base64.b64decode(secret["data"][key], validate=True).decode("utf-8")
if got != want:
    sys.exit("decoded %r, wanted %r" % (got, want))'
while IFS= read -r password; do
  PGPASSWORD="$current" "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAq -v ON_ERROR_STOP=1 \
    --set=p="$password" >/dev/null <<< "ALTER ROLE postgres PASSWORD :'p'" \
    || fail "the superuser's password could not be set"
  printf '%s' "$password" > "$SECRETS/postgres-password"
  printf '%s' "$password" > "$SECRETS/pgbouncer-password"
  printf '%s' "$password" > "$SECRETS/db-unleash"
  current="$password"
  as_owner env PATH="$PGBIN:$PATH" bash "$WORK/ensure-databases.sh" > "$WORK/job.log" 2>&1 || { cat "$WORK/job.log" >&2; fail "the databases Job failed"; }
  PGPASSWORD="$password" "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U unleash -d unleash -tAq -c 'SELECT 1' >/dev/null \
    || fail "the owner cannot log in to PostgreSQL"
  render pgbouncer "$WORK/userlist.tpl" "$(json_password "$password")" > "$WORK/userlist.txt"
  kill -HUP "$(cat "$WORK/pgbouncer.pid")"; sleep 0.3
  PGPASSWORD="$password" "$PGBIN/psql" -h 127.0.0.1 -p "$PB_PORT" -U pgbouncer -d pgbouncer -tAq -c 'SHOW VERSION' >/dev/null \
    || fail "PgBouncer's console refuses its auth user with the rendered userlist"
  PGPASSWORD="$password" "$PGBIN/psql" -h 127.0.0.1 -p "$PB_PORT" -U unleash -d unleash -tAq -c 'DISCARD ALL' -c 'SELECT 1' >/dev/null \
    || fail "the owner cannot log in through PgBouncer (auth_query as the auth user)"
  render pgbouncer "$WORK/exporter-dsn.tpl" "$(json_password "$password")" | sed "s/^host=127.0.0.1 port=5432 /host=127.0.0.1 port=$PB_PORT /" > "$WORK/dsn"
  grep -q "port=$PB_PORT " "$WORK/dsn" || fail "the exporter's connection string no longer starts with host=127.0.0.1 port=5432"
  "$PGBIN/psql" "$(cat "$WORK/dsn")" -tAq -c 'SHOW VERSION' >/dev/null || fail "the exporter's rendered connection string is refused"
  render unleash "$WORK/unleash-url.tpl" "$(json_password "$password")" | sed "s#@pgbouncer:5432/#@127.0.0.1:$PB_PORT/#" > "$WORK/url"
  PASSWORD="$password" UNLEASH="$UNLEASH" node -e "$connect_node" "$WORK/url" || fail "Unleash's driver cannot connect with the rendered URL"
  curl -fsS -o /dev/null -H "X-Vault-Token: $VAULT_ROOT" -X POST --data-binary "{\"data\": {\"password\": $(json_string "$password")}}" "$VAULT_ADDR/v1/secret/data/postgres/superuser"
  render_secret "$WORK/cnpg-superuser.tpl" | "$PYTHON" -c "$check_secret" "$password" postgres-superuser password \
    || fail "the Secret CloudNativePG reads the superuser's password from does not hold it"
  curl -fsS -o /dev/null -H "X-Vault-Token: $VAULT_ROOT" -X POST --data-binary "{\"data\": {\"access_key_id\": \"AKIA0\", \"secret_access_key\": $(json_string "$password")}}" "$VAULT_ADDR/v1/secret/data/backups/r2"
  render_secret "$WORK/cnpg-backup-s3.tpl" | "$PYTHON" -c "$check_secret" "$password" postgres-backup-s3 ACCESS_SECRET_KEY \
    || fail "the Secret of the bucket's keys does not hold the secret key"
  count=$((count + 1))
done < "$PASSWORD_LIST"
printf 'SUPERUSER=%q\n' "$current" >> "$WORK/state"
echo "passwords: $count passwords (fixed and random) as the superuser's, PgBouncer's and an owner's: the databases Job, direct and pooled logins, PgBouncer's userlist, the exporter's connection string, Unleash's URL all hold; on three nodes, the Secrets the postgres-secrets Job renders for CloudNativePG decode to them"
