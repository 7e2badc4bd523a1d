#!/bin/bash
# Creates what the config declares on the shared PostgreSQL and is safe to run again: <#if single>the
# database named by its first argument and its owner role (the password from the file of the second,
# set each run), for one app's Job<#elseif databases?has_content>each database here with its owner role
# (the role's password set from Vault each run)<#else>no database (each app's has a Job of its own)</#if><#if pgbouncer>,
# and PgBouncer's lookup role and function</#if>. Runs as a Job that Flux recreates whenever this script
# changes, so a database added to the config exists on the live cluster before what uses it starts.
# Passwords are never in Git: the Vault agent renders them into ${secretsDir}.
set -euo pipefail

export PGHOST=${host} PGPORT=${port} PGUSER=postgres PGDATABASE=postgres
PGPASSWORD="$(cat "${secretsDir}${superuserFile}")"
export PGPASSWORD

until pg_isready --quiet; do
  echo "waiting for PostgreSQL at $PGHOST:$PGPORT"
  sleep 5
done

ensure_database() {
  local name="$1" password_file="$2"
  psql -v ON_ERROR_STOP=1 --set=name="$name" --set=password="$(cat "$password_file")" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'name', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
  echo "database $name ready"
}

<#list databases as db>
ensure_database ${db.name} ${secretsDir}${db.secretFile}
</#list>
<#if single>
# one app's database: its name and the file its owner's password is rendered into, as arguments
ensure_database "$1" "$2"
</#if>
<#if pgbouncer>

# PgBouncer looks users up through this function instead of a static list of passwords. It answers
# only for the owners of the declared databases: never for a superuser, nor for its own auth user,
# so neither can log in through PgBouncer. Only the auth user may connect to the "postgres"
# database, where the function lives (PgBouncer's pgbouncer_auth alias points there).
psql -v ON_ERROR_STOP=1 --set=password="$(cat "${secretsDir}${pgbouncerFile}")" <<'SQL'
SELECT 'CREATE ROLE pgbouncer LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgbouncer') \gexec
SELECT format('ALTER ROLE pgbouncer WITH LOGIN PASSWORD %L', :'password') \gexec
CREATE SCHEMA IF NOT EXISTS pgbouncer AUTHORIZATION pgbouncer;
CREATE OR REPLACE FUNCTION pgbouncer.get_auth(p_usename TEXT)
  RETURNS TABLE(username TEXT, password TEXT)
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS
  $$ SELECT usename::TEXT, passwd::TEXT FROM pg_catalog.pg_shadow
     WHERE usename = p_usename AND NOT usesuper AND usename <> 'pgbouncer'
       AND usename IN (<#list owners as db>'${db.name}'<#sep>, </#sep></#list><#if !owners?has_content>NULL</#if>) $$;
REVOKE ALL ON FUNCTION pgbouncer.get_auth(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgbouncer.get_auth(TEXT) TO pgbouncer;
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
GRANT CONNECT ON DATABASE postgres TO pgbouncer;
SQL
echo "pgbouncer lookup ready"
</#if>
<#if exporterRole?has_content>

# postgres_exporter's role: what pg_monitor may read (statistics, sizes, settings), and CONNECT on
# the "postgres" database only, so it reads no app's table. No password: it logs in over the
# server's Unix socket, which its container shares, and never over the network.
psql -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE ROLE ${exporterRole} LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${exporterRole}') \gexec
ALTER ROLE ${exporterRole} WITH LOGIN NOSUPERUSER PASSWORD NULL;
GRANT pg_monitor TO ${exporterRole};
GRANT CONNECT ON DATABASE postgres TO ${exporterRole};
SQL
echo "exporter role ready"
</#if>
