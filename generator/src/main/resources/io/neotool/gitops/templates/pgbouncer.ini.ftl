;; PgBouncer for NeoTool. Clients authenticate with their PostgreSQL role; PgBouncer looks the
;; role up in PostgreSQL (auth_query) as the user "pgbouncer", whose password Vault renders.

[databases]
<#list databases as db>
${db.name} = host=${postgresHost} port=${postgresPort} dbname=${db.name}<#if db.pooling?has_content> pool_mode=${db.pooling}</#if>
</#list>
pgbouncer_auth = host=${postgresHost} port=${postgresPort} dbname=postgres

[pgbouncer]
listen_addr = 0.0.0.0
listen_port = ${port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${authFile}
auth_user = pgbouncer
auth_dbname = pgbouncer_auth
auth_query = SELECT username, password FROM pgbouncer.get_auth($1)
pool_mode = ${poolMode}
max_client_conn = ${maxClientConn}
default_pool_size = ${defaultPoolSize}
ignore_startup_parameters = extra_float_digits
server_reset_query = DISCARD ALL
stats_users = pgbouncer
log_connections = 0
log_disconnections = 0
