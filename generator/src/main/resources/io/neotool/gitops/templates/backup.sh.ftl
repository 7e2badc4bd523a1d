#!/bin/sh
# NeoTool's backups, each step in the image that has its tool; credentials are files rendered by the
# Vault agent into ${secretsDir}.
#   dump, upload       the daily backup: pg_dump of every database and the roles, then to S3 (MinIO
#                      client), and the retention applied there (Vault's snapshots share it)
#   fetch              one backup from S3 into /dumps: $RESTORE_FROM (a folder such as
#                      2026-12-01T030000Z), default the latest
#   restore            the fetched backup into the server: the roles it lacks, then each database of
#                      $RESTORE_DATABASES (default all: ${databaseNames}; "postgres" restores
#                      the maintenance database too); refuses a database that holds tables unless
#                      RESTORE_OVERWRITE=yes
#   drill              the fetched backup, every database, into a scratch database each, checked, dropped
#   check DUMP DB      every table of DUMP is in DB with the dump's row count
#   snapshot           Vault's raft snapshot into /dumps/vault/ (uploaded by "upload")
set -eu
stamp_pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{6}Z$'
psql_su() { PGOPTIONS='-c client_min_messages=warning' psql --host=${postgresHost} --username=postgres -v ON_ERROR_STOP=1 -tAq "$@"; }
user_tables="SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
mc_alias() {
  mc alias set target "${endpoint}" "$(cat ${secretsDir}${accessKeyFile})" "$(cat ${secretsDir}${secretKeyFile})" --api S3v4 >/dev/null
}
fetched() {
  dir="$(ls -d /dumps/*/ 2>/dev/null | grep -v '/vault/$' | tail -n 1)"
  [ -n "$dir" ] && [ -s "$dir/roles.sql" ] || { echo "no fetched backup under /dumps (roles.sql missing)" >&2; exit 1; }
  echo "${r"${dir%/}"}"
}

case "${r"${1:-}"}" in
  dump)
    export PGPASSWORD="$(cat ${secretsDir}${superuserFile})"
    stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
    mkdir -p "/dumps/$stamp"
    pg_dumpall --host=${postgresHost} --username=postgres --roles-only --file="/dumps/$stamp/roles.sql"
<#list databases as db>
    pg_dump --host=${postgresHost} --username=postgres --format=custom --file="/dumps/$stamp/${db.name}.dump" ${db.name}
</#list>
    # the "postgres" database too: it holds PgBouncer's lookup function and schema
    pg_dump --host=${postgresHost} --username=postgres --format=custom --file="/dumps/$stamp/postgres.dump" postgres
    echo "dumped to /dumps/$stamp"
    ;;
  upload)
    mc_alias
    mc cp --recursive /dumps/ "target/${bucket}/${prefix}/"
    mc rm --recursive --force --older-than ${retentionDays}d "target/${bucket}/${prefix}/"
    echo "uploaded to ${bucket}/${prefix}, removed dumps older than ${retentionDays} days"
    ;;
  fetch)
    mc_alias
    stamp="${r"${RESTORE_FROM:-latest}"}"
    if [ "$stamp" = latest ]; then
      stamp="$(mc ls "target/${bucket}/${prefix}/" | awk '{print $NF}' | tr -d / | grep -E "$stamp_pattern" | sort | tail -n 1)"
      [ -n "$stamp" ] || { echo "no backup under ${bucket}/${prefix}/" >&2; exit 1; }
    fi
    echo "$stamp" | grep -Eq "$stamp_pattern" || { echo "RESTORE_FROM=$stamp is not a backup's folder (such as 2026-12-01T030000Z)" >&2; exit 2; }
    mkdir -p "/dumps/$stamp"
    mc cp --quiet --recursive "target/${bucket}/${prefix}/$stamp/" "/dumps/$stamp/" >/dev/null
    echo "fetched ${bucket}/${prefix}/$stamp: $(ls "/dumps/$stamp" | wc -l) files"
    ;;
  restore)
    export PGPASSWORD="$(cat ${secretsDir}${superuserFile})"
    dir="$(fetched)"
    wanted="${r"${RESTORE_DATABASES:-all}"}"
    [ "$wanted" != all ] || wanted="${databaseNames}"
    for db in $wanted; do
      [ -f "$dir/$db.dump" ] || { echo "the backup $dir holds no database $db" >&2; exit 2; }
    done
    # nothing is changed while any database would be refused
    refused=""
    for db in $wanted; do
      if [ -n "$(psql_su -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ] \
        && [ "$(psql_su -d "$db" -c "$user_tables")" != 0 ] && [ "${r"${RESTORE_OVERWRITE:-no}"}" != yes ]; then
        refused="$refused $db"
      fi
    done
    [ -z "$refused" ] || { echo "refusing to overwrite databases that hold tables:$refused (set RESTORE_OVERWRITE=yes to replace them)" >&2; exit 1; }
    # the roles the server lacks (a server that lost its disk); an existing role keeps its password
    psql_su -d postgres -c "SELECT rolname FROM pg_roles" > /tmp/roles.existing
    awk 'NR == FNR { have[$0] = 1; next }
         /^(CREATE|ALTER) ROLE / { name = $3; sub(/;$/, "", name); if (name in have) next }
         { print }' /tmp/roles.existing "$dir/roles.sql" | psql_su -d postgres >/dev/null
    for db in $wanted; do
      if [ "$db" = postgres ]; then
        # the maintenance database itself (PgBouncer's lookup function) is replaced in place
        pg_restore --host=${postgresHost} --username=postgres --clean --if-exists --dbname=postgres --exit-on-error "$dir/$db.dump"
      else
        psql_su -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
        pg_restore --host=${postgresHost} --username=postgres --create --dbname=postgres --exit-on-error "$dir/$db.dump"
      fi
      echo "restored $db from $dir"
    done
    ;;
  drill)
    export PGPASSWORD="$(cat ${secretsDir}${superuserFile})"
    dir="$(fetched)"
    failed=""
    for dump in "$dir"/*.dump; do
      db="$(basename "$dump" .dump)"
      scratch="restore_drill_$db"
      psql_su -d postgres -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)"
      psql_su -d postgres -c "CREATE DATABASE \"$scratch\""
      if pg_restore --host=${postgresHost} --username=postgres --no-owner --no-privileges --exit-on-error --dbname="$scratch" "$dump" \
        && sh "$0" check "$dump" "$scratch"; then
        echo "drill: $db restored and checked"
      else
        failed="$failed $db"
      fi
      psql_su -d postgres -c "DROP DATABASE \"$scratch\" WITH (FORCE)"
    done
    [ -z "$failed" ] || { echo "drill failed for:$failed ($dir)" >&2; exit 1; }
    echo "drill passed: every database of $dir restores with every table and row"
    ;;
  check)
    export PGPASSWORD="$(cat ${secretsDir}${superuserFile})"
    dump="$2"; db="$3"; bad=0
    # every table the dump defines exists
    pg_restore --list "$dump" | awk '$4 == "TABLE" && $5 != "DATA" { print $5, $6 }' > /tmp/check.tables
    while read -r schema table; do
      [ "$(psql_su -d "$db" -c "SELECT to_regclass(format('%I.%I', '$schema', '$table')) IS NOT NULL")" = t ] \
        || { echo "$db: table $schema.$table of the dump is missing" >&2; bad=1; }
    done < /tmp/check.tables
    # and holds the dump's rows (COPY's text format: one line per row, up to the \. line)
    pg_restore --data-only --file=- "$dump" | awk '
      /^COPY / { table = $2; rows = 0; inside = 1; next }
      inside && $0 == "\\." { print table, rows; inside = 0; next }
      inside { rows++ }' > /tmp/check.rows
    while read -r table rows; do
      actual="$(psql_su -d "$db" -c "SELECT count(*) FROM $table")"
      [ "$actual" = "$rows" ] || { echo "$db: $table has $actual rows, the dump $rows" >&2; bad=1; }
    done < /tmp/check.rows
    [ "$bad" = 0 ] || exit 1
    echo "check: $db has the $(wc -l < /tmp/check.tables) tables and $(awk '{ n += $2 } END { print n + 0 }' /tmp/check.rows) rows of $(basename "$dump")"
    ;;
  snapshot)
    stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
    mkdir -p /dumps/vault
    VAULT_TOKEN="$(cat ${secretsDir}token)" vault operator raft snapshot save "/dumps/vault/$stamp.snap"
    vault operator raft snapshot inspect "/dumps/vault/$stamp.snap" >/dev/null
    chmod 0640 "/dumps/vault/$stamp.snap"  # the upload runs as another user of the pod's group
    echo "Vault snapshot /dumps/vault/$stamp.snap: $(wc -c < "/dumps/vault/$stamp.snap") bytes"
    ;;
  *)
    echo "usage: backup.sh dump|upload|fetch|restore|drill|check DUMP DB|snapshot" >&2
    exit 2
    ;;
esac
