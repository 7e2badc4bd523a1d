#!/bin/bash
# Runs once, when the data volume is empty: creates each NeoTool database and its owner role.
# Passwords are never in Git: the Vault agent renders them into ${secretsDir}.
set -euo pipefail

create_database() {
  local name="$1" password_file="$2"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=name="$name" --set=password="$(cat "$password_file")" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
}

<#list databases as db>
create_database ${db.name} ${secretsDir}${db.secretFile}
</#list>
<#if pgbouncer>

# PgBouncer looks users up through this function instead of a static list of passwords.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set=password="$(cat "${secretsDir}${pgbouncerFile}")" <<'SQL'
SELECT format('CREATE ROLE pgbouncer LOGIN PASSWORD %L', :'password') \gexec
CREATE SCHEMA pgbouncer AUTHORIZATION pgbouncer;
CREATE FUNCTION pgbouncer.get_auth(p_usename TEXT)
  RETURNS TABLE(username TEXT, password TEXT)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS
  $$ SELECT usename::TEXT, passwd::TEXT FROM pg_catalog.pg_shadow WHERE usename = p_usename $$;
REVOKE ALL ON FUNCTION pgbouncer.get_auth(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgbouncer.get_auth(TEXT) TO pgbouncer;
SQL
</#if>
