#!/bin/sh
# Daily NeoTool database backup. "dump" runs in the PostgreSQL image, "upload" in the MinIO client
# image; credentials are files rendered by the Vault agent into ${secretsDir}.
set -eu

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
    mc alias set target "${endpoint}" "$(cat ${secretsDir}${accessKeyFile})" "$(cat ${secretsDir}${secretKeyFile})" --api S3v4 >/dev/null
    mc cp --recursive /dumps/ "target/${bucket}/${prefix}/"
    mc rm --recursive --force --older-than ${retentionDays}d "target/${bucket}/${prefix}/"
    echo "uploaded to ${bucket}/${prefix}, removed dumps older than ${retentionDays} days"
    ;;
  *)
    echo "usage: backup.sh dump|upload" >&2
    exit 2
    ;;
esac
