def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('schema checks were NOT run')
assert log.contains('neotool: the tree has 2 problems:')
assert log.contains('clusters/staging-eu/apps.yaml: Kustomization flux-system/apps: /spec/dependsOn: dependsOn cycle: apps -> infra-configs -> infra-controllers -> apps')
assert log.contains("infrastructure/staging-eu/configs/pgbouncer/service-pgbouncer.yaml: Service neotool-staging/pgbouncer: /spec/ports/0/targetPort: expected a port of the selected containers (names [postgres], numbers [5432]), got pg (generated from envs/staging.yaml:")
assert !(log =~ /(?m)^\s+at [a-z]+\./) : 'no stack trace for a tree problem'
return true
