#!/usr/bin/env bash
# The generated backup script, every step as its CronJobs run it: "dump" (PostgreSQL 18's
# pg_dumpall and pg_dump) against the PostgreSQL of databases.sh holding a table of rows in each
# app database, then "upload" with the backup image's mc to an S3 server (moto) on 127.0.0.1. The
# restore Job's "fetch" and "restore" bring the latest backup into a fresh PostgreSQL 18 (roles
# first, then each database): every database holds the same rows and schema objects as its source,
# and an owner logs in to the restored server with its old password; a second restore is refused
# unless told to overwrite. The drill's steps pass on it, and its check fails once a row is deleted.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
source "$WORK/state"

SCRIPT=infrastructure/production/configs/backup/configmap-database-backup-script.yaml
S3_PORT=$(free_port)
"$S3_SERVER" -H 127.0.0.1 -p "$S3_PORT" > "$WORK/s3.log" 2>&1 &
record $!
# render PG_PORT DUMPS OUT: the ConfigMap's script against the server on PG_PORT, with DUMPS as its
# /dumps/, the S3 server on 127.0.0.1 and the secrets in $WORK/backup-secrets
render() {
  "$PYTHON" - "$SCRIPT" "$WORK" "$1" "$S3_PORT" "$2" > "$3" <<'PY'
import sys, yaml
script = yaml.safe_load(open(sys.argv[1])).get("data")["backup.sh"]
work, pg_port, s3_port, dumps = sys.argv[2:6]
for old, new in [("/tmp/", work + "/backup-tmp/"), ("--host=postgres", "--host=127.0.0.1 --port=" + pg_port),
                 ("https://neotool.r2.cloudflarestorage.com", "http://127.0.0.1:" + s3_port),
                 ("/vault/secrets/", work + "/backup-secrets/"),
                 ("/dumps/", dumps + "/"), ("/dumps ", dumps + " ")]:
    assert old in script, "backup.sh no longer has: " + old
    script = script.replace(old, new)
print(script)
PY
}
render "$PG_PORT" "$WORK/dumps" "$WORK/backup.sh"
ms() { date +%s%3N; }
mkdir -p "$WORK/backup-tmp"
mkdir -p "$WORK/backup-secrets" "$WORK/dumps" "$WORK/mc"
printf '%s' "$SUPERUSER" > "$WORK/backup-secrets/postgres-password"
printf '%s' test-key > "$WORK/backup-secrets/s3-access-key-id"
printf '%s' 'test/secret+key=' > "$WORK/backup-secrets/s3-secret-access-key"
export MC_CONFIG_DIR="$WORK/mc"
wait_for "the S3 server" curl -fsS "http://127.0.0.1:$S3_PORT/"
"$MC" alias set s3 "http://127.0.0.1:$S3_PORT" test-key 'test/secret+key=' --api S3v4 >/dev/null
"$MC" mb --quiet s3/neotool-backups >/dev/null

psql18() { local port="$1"; shift; PGPASSWORD="$SUPERUSER" "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -tAq "$@"; }
for db in $DATABASES; do
  psql18 "$PG_PORT" -d "$db" -c "SET ROLE $db; CREATE TABLE IF NOT EXISTS backup_probe (id int PRIMARY KEY, note text);
    INSERT INTO backup_probe SELECT g, md5(g::text) FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING"
done
started=$(ms)
PATH="$PGBIN:$PATH" sh "$WORK/backup.sh" dump > "$WORK/backup-dump.log"
dump_s=$(($(ms) - started)); started=$(ms)
stamp=$(ls "$WORK/dumps")
dump_bytes=$(du -sb "$WORK/dumps/$stamp" | cut -f1)
PATH="$(dirname "$MC"):$PATH" sh "$WORK/backup.sh" upload > "$WORK/backup-upload.log"
upload_s=$(($(ms) - started))
uploaded=$("$MC" ls --recursive "s3/neotool-backups/production/" | wc -l)
expected=$(ls "$WORK/dumps/$stamp" | wc -l)
[ "$uploaded" = "$expected" ] || { echo "uploaded $uploaded files, dumped $expected" >&2; exit 1; }
if sh "$WORK/backup.sh" > "$WORK/usage" 2>&1; then echo "backup.sh without an argument succeeded" >&2; exit 1; fi
grep -q '^usage: backup.sh dump|upload|fetch|restore|drill' "$WORK/usage" || { cat "$WORK/usage" >&2; exit 1; }

# the generated restore, as a Job made from the database-restore CronJob runs it: "fetch" (the latest
# backup from S3) then "restore" (the roles the server lacks, then every database), into a fresh server
R_PORT=$(free_port)
as_owner "$PGBIN/initdb" -D "$WORK/restored" -U postgres --auth-host=scram-sha-256 --auth-local=trust --pwfile="$WORK/su" >/dev/null
as_owner "$PGBIN/pg_ctl" -D "$WORK/restored" -o "-c listen_addresses=127.0.0.1 -c port=$R_PORT -c unix_socket_directories=$WORK" \
  -l "$WORK/restored.log" -w start >/dev/null
record "$(head -n 1 "$WORK/restored/postmaster.pid")"
mkdir -p "$WORK/fetched"
render "$R_PORT" "$WORK/fetched" "$WORK/restore.sh"
steps() { env PATH="$PGBIN:$(dirname "$MC"):$PATH" sh "$WORK/restore.sh" "$@"; }
started=$(ms)
steps fetch > "$WORK/fetch.log"
fetch_s=$(($(ms) - started)); started=$(ms)
[ "$(ls "$WORK/fetched")" = "$stamp" ] || { echo "fetch did not take the latest backup $stamp: $(ls "$WORK/fetched")" >&2; exit 1; }
steps restore > "$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log" >&2; exit 1; }
RESTORE_DATABASES=postgres steps restore >> "$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log" >&2; exit 1; }
restore_s=$(($(ms) - started))
# a database that holds tables is refused, and nothing changes, unless told to overwrite
if steps restore > "$WORK/again.log" 2>&1; then echo "restore overwrote databases that hold tables" >&2; exit 1; fi
grep -q "refusing to overwrite databases that hold tables: " "$WORK/again.log" || { cat "$WORK/again.log" >&2; exit 1; }
RESTORE_OVERWRITE=yes RESTORE_DATABASES="$FIRST_DB" steps restore > "$WORK/again.log" 2>&1 || { cat "$WORK/again.log" >&2; exit 1; }
if RESTORE_FROM=yesterday steps fetch > "$WORK/bad.log" 2>&1; then echo "fetch took RESTORE_FROM=yesterday" >&2; exit 1; fi
# The restored data is the dumped data, row for row (compared as sorted lines: pg_dump may order
# the tables differently; against the dump, not the live database, which Unleash still writes to),
# and the same schema objects as the source (an expression's text may be deparsed differently after
# a restore: PostgreSQL prints ARRAY[...]::text[] anew, so the DDL is not compared as text).
restrict='^\\\(un\)\?restrict '
# (their warnings about circular foreign keys, which a data-only dump always draws, go to a log)
dumped() { "$PGBIN/pg_restore" --data-only -f - "$WORK/fetched/$stamp/$1.dump" 2>> "$WORK/compare.log" | grep -v "$restrict" | LC_ALL=C sort; }
restored() { PGPASSWORD="$SUPERUSER" "$PGBIN/pg_dump" -h 127.0.0.1 -p "$R_PORT" -U postgres --data-only "$1" 2>> "$WORK/compare.log" | grep -v "$restrict" | LC_ALL=C sort; }
objects() {
  psql18 "$1" -d "$2" -c "SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || pg_get_userbyid(c.relowner)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || contype::text FROM pg_constraint WHERE connamespace NOT IN (11, 99)
    UNION ALL SELECT p.oid::regprocedure::text || ' ' || pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    ORDER BY 1"
}
compared=0
for db in $DATABASES postgres; do
  dumped "$db" > "$WORK/data.dumped"
  restored "$db" > "$WORK/data.restored"
  diff "$WORK/data.dumped" "$WORK/data.restored" > "$WORK/restore.diff" \
    || { echo "database $db restored with other data:" >&2; head -n 20 "$WORK/restore.diff" >&2; exit 1; }
  # into files first: a query that fails must stop the part, not compare two empty outputs
  objects "$PG_PORT" "$db" > "$WORK/objects.source"
  objects "$R_PORT" "$db" > "$WORK/objects.restored"
  [ -s "$WORK/objects.source" ] || { echo "no schema object listed for $db" >&2; exit 1; }
  compared=$((compared + $(wc -l < "$WORK/objects.source")))
  diff "$WORK/objects.source" "$WORK/objects.restored" > "$WORK/restore.diff" \
    || { echo "database $db restored with other objects:" >&2; head -n 20 "$WORK/restore.diff" >&2; exit 1; }
done
rows=$(PGPASSWORD=rotated "$PGBIN/psql" -h 127.0.0.1 -p "$R_PORT" -U "$FIRST_DB" -d "$FIRST_DB" -tAq -c 'SELECT count(*) FROM backup_probe')
[ "$rows" = 1000 ] || { echo "owner $FIRST_DB reads $rows rows after the restore" >&2; exit 1; }

# the drill, as its CronJob runs it: every database of the fetched backup into a scratch database,
# checked and dropped; then the check itself must fail on a restored copy missing one row
started=$(ms)
steps drill > "$WORK/drill.log" 2>&1 || { cat "$WORK/drill.log" >&2; exit 1; }
drill_s=$(($(ms) - started))
grep -q "drill passed" "$WORK/drill.log"
[ "$(grep -c 'restored and checked' "$WORK/drill.log")" = "$(ls "$WORK/fetched/$stamp"/*.dump | wc -l)" ] || { cat "$WORK/drill.log" >&2; exit 1; }
left=$(psql18 "$R_PORT" -d postgres -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'restore_drill_%'")
[ "$left" = 0 ] || { echo "the drill left $left scratch databases" >&2; exit 1; }
steps check "$WORK/fetched/$stamp/$FIRST_DB.dump" "$FIRST_DB" > "$WORK/check.log" 2>&1 || { cat "$WORK/check.log" >&2; exit 1; }
psql18 "$R_PORT" -d "$FIRST_DB" -c "DELETE FROM backup_probe WHERE id = 1"
if steps check "$WORK/fetched/$stamp/$FIRST_DB.dump" "$FIRST_DB" > "$WORK/check.log" 2>&1; then
  echo "the drill's check passed on a copy missing a row" >&2; exit 1
fi
grep -q "backup_probe has 999 rows, the dump 1000" "$WORK/check.log" || { cat "$WORK/check.log" >&2; exit 1; }
printf 'backup timings: dump %d ms (%d bytes), upload %d ms, fetch %d ms, restore %d ms, drill %d ms\n' \
  "$dump_s" "$dump_bytes" "$upload_s" "$fetch_s" "$restore_s" "$drill_s"
# the retention, against objects of several ages set on the S3 server's side, and a failed upload
"$(dirname "$S3_SERVER")/python" .ci/programs/retention.py "$SCRIPT" "$WORK" "$MC" 2> "$WORK/retention.log" \
  || { cat "$WORK/retention.log" >&2; exit 1; }
echo "backup: the generated restore and drill: restored every database into a fresh server (roles first), refused to overwrite, the drill passed and its check failed on a missing row; dumped $expected files with pg_dump $("$PGBIN/pg_dump" --version | awk '{print $3}'), uploaded with mc RELEASE.2024-11-21T17-21-54Z to an S3 server, downloaded and restored into a fresh server: $(echo $DATABASES postgres | wc -w) databases hold the same rows and the same $compared schema objects, owner $FIRST_DB logs in with its old password"
