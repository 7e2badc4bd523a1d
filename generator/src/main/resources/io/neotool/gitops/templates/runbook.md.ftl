# Runbook of cluster `${cluster}`

Every command below names this cluster's objects (namespace `${namespace}`); the file is generated
from `${source}` with the tree, so a renamed or removed object changes it in the same review. Each
alert links to its section ([Alerts](#alerts)). Everything that changes the cluster goes through
Git: Flux applies `main` every ${interval} and undoes what was changed by hand.

## Bootstrap and K3S

A new <#if ha>cluster of three nodes<#else>node</#if>, in order: one command per step, then the check that says the step is done.

<#if k3sVersion?has_content && ha>
1. K3S on three server nodes with embedded etcd (it brings Traefik and the local-path storage class): on the first, `curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=${k3sVersion} K3S_TOKEN=<a shared secret> sh -s - server --cluster-init`; on the second and the third, `curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=${k3sVersion} K3S_TOKEN=<the same secret> sh -s - server --server https://<the first node>:6443`. An upgrade to the pinned release: the same command on one node at a time, drained first (`kubectl drain <node> --ignore-daemonsets --delete-emptydir-data`, then `kubectl uncordon <node>`): the disruption budgets let one member of each quorum go at a time; when the drain waits on PostgreSQL's primary, promote a standby of another node first (`kubectl cnpg promote postgres <instance>`). Check: `kubectl get nodes` lists three `Ready` nodes with the roles `control-plane,etcd,master`, and `kubectl get nodes -o jsonpath='{.items[*].status.nodeInfo.kubeletVersion}'` prints `${k3sVersion}` three times.
<#elseif k3sVersion?has_content>
1. K3S (it brings Traefik and the local-path storage class), or an upgrade to the pinned release: `curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=${k3sVersion} sh -`. Check: `kubectl get nodes -o jsonpath='{.items[*].status.nodeInfo.kubeletVersion}'` prints `${k3sVersion}`.
<#else>
1. K3S. The config pins no K3S release (`cluster.k3sVersion`): pin the one the node runs, and regenerate.
</#if>
2. Flux, pointed at this cluster's folder: `flux bootstrap git --url=${gitUrl} --branch=${gitBranch} --path=clusters/${cluster}`. Check: `flux check`, then `flux get kustomizations` lists <#list objects.Kustomization![] as k>`${k}`<#sep>, </#sep></#list>.
<#if objects.HelmRelease?? && objects.HelmRelease?seq_contains("vault")>
<#if vaultInit?has_content>
3. Vault initialised, its ${vaultInit.shares} key share<#if vaultInit.shares != "1">s</#if> encrypted to the operators' OpenPGP keys (never printed in clear): once `kubectl -n ${namespace} wait pod/vault-0 --for=condition=Ready --timeout=10m` returns (a sealed Vault counts as ready), `kubectl -n ${namespace} port-forward svc/vault 8200:8200 &` and `VAULT_ADDR=http://127.0.0.1:8200 sh clusters/${cluster}/vault-init.sh > vault-init-${cluster}.json`. Share <#list vaultInit.operators as o>${o?index} is ${o}'s<#sep>, </#sep></#list>; the root token is ${vaultInit.rootToken}'s. Keep the response where the operators can read it. Check: `kubectl -n ${namespace} exec vault-0 -- vault status -format=json` says `"initialized": true`.
<#if transit?has_content>
4. Unsealed by itself (seal "transit", the key `${transit.keyName}` of ${transit.address}): the shares of step 3 are recovery keys, kept for a new root token or a seal migration. Check: `kubectl -n ${namespace} exec vault-0 -- vault status` exits 0 (2 while sealed: see [Vault sealed](#vault-sealed-after-a-restart-of-vault-0-or-of-the-node)).
<#else>
4. Unsealed by ${vaultInit.threshold} operator<#if vaultInit.threshold != "1">s</#if>, each with their own share: `jq -r '.keys_base64[<share>]' vault-init-${cluster}.json | base64 -d | gpg -dq`, then `kubectl -n ${namespace} exec -ti vault-0 -- vault operator unseal` (it prompts, echoing nothing)<#if ha>; then the same on `vault-1` and `vault-2`, which join vault-0's raft once unsealed</#if>. Check: `kubectl -n ${namespace} exec vault-0 -- vault status` exits 0 (2 while sealed)<#if ha>, and `kubectl -n ${namespace} exec vault-0 -- env VAULT_TOKEN=<token> vault operator raft list-peers` lists three voters</#if>.
</#if>
5. The roles and policies, with the root token (`jq -r .root_token vault-init-${cluster}.json | base64 -d | gpg -dq`, ${vaultInit.rootToken}): `kubectl -n ${namespace} exec -i vault-0 -- env VAULT_TOKEN=<token> sh -s < clusters/${cluster}/vault-policies.sh`. Check: `kubectl -n ${namespace} exec vault-0 -- env VAULT_TOKEN=<token> vault policy list` lists a `neotool-` policy per role of the script.
<#else>
3. Vault initialised: the config names no operators yet (`infrastructure.vault.unseal` in `${source}`), whose OpenPGP keys the key shares are encrypted to. Add each operator's `gpg --armor --export <key id>` there and regenerate: this step then runs `clusters/${cluster}/vault-init.sh`. Without it, `vault operator init` prints every key share and the root token in clear.
4. Unsealed: `kubectl -n ${namespace} exec -ti vault-0 -- vault operator unseal`, once per share of the threshold<#if ha>; then the same on `vault-1` and `vault-2`, which join vault-0's raft once unsealed</#if>. Check: `kubectl -n ${namespace} exec vault-0 -- vault status` exits 0 (2 while sealed).
5. The roles and policies: `kubectl -n ${namespace} exec -i vault-0 -- env VAULT_TOKEN=<token> sh -s < clusters/${cluster}/vault-policies.sh`. Check: `kubectl -n ${namespace} exec vault-0 -- env VAULT_TOKEN=<token> vault policy list` lists a `neotool-` policy per role of the script.
</#if>
6. The secrets: `./mvnw neotool:secrets -Dneotool.cluster=${cluster} -Dneotool.secrets.skeleton` prints the `vault kv put` lines to fill in. Check: `VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=<token> ./mvnw neotool:secrets -Dneotool.cluster=${cluster}` exits 0 (it names each missing path and key). Then revoke the root token: `kubectl -n ${namespace} exec vault-0 -- env VAULT_TOKEN=<token> vault token revoke -self`.
</#if>

## Reach the dashboards

<#if objects.HelmRelease?? && objects.HelmRelease?seq_contains("grafana")>
- Grafana: `kubectl port-forward -n ${namespace} svc/grafana 3000:80`, then http://127.0.0.1:3000
</#if>
<#if objects.HelmRelease?? && objects.HelmRelease?seq_contains("prometheus")>
- Prometheus: `kubectl port-forward -n ${namespace} svc/prometheus 9090:9090`, then http://127.0.0.1:9090/alerts
</#if>
<#if objects.HelmRelease?? && objects.HelmRelease?seq_contains("vault")>
- Vault: `kubectl port-forward -n ${namespace} svc/vault 8200:8200`, then `export VAULT_ADDR=http://127.0.0.1:8200`
</#if>

## Flux: what is applied, and applying now

- Status of every part (one Flux Kustomization per component, per app and per app's database, each named after it): `flux get kustomizations` and `flux get helmreleases -n ${namespace}`. One that is not Ready holds up only what waits for it (`dependsOn`).
<#list objects.Kustomization![] as k>
- Apply `${k}` now: `flux reconcile kustomization ${k} --with-source`
</#list>
<#list objects.HelmRelease![] as h>
- Upgrade the release `${h}` now: `flux reconcile helmrelease ${h} -n ${namespace} --with-source`
</#list>
- Hold one app or component during an incident: `flux suspend kustomization <name>` (an app's name, or a component's), and `flux resume kustomization <name>` after; what waits for it waits too, and a suspended Kustomization is not Ready, which FluxNotReady does not report.

## Logs

<#list objects.Deployment![] as d>
- `${d}`: `kubectl -n ${namespace} logs deployment/${d} --all-containers --since=1h` (all pods: `stern -n ${namespace} -l app.kubernetes.io/instance=${d}`)
</#list>
<#list objects.StatefulSet![] as s>
- `${s}`: `kubectl -n ${namespace} logs statefulset/${s} --all-containers --since=1h`
</#list>
<#list objects.HelmRelease![] as h>
- `${h}` (Helm release): `kubectl -n ${podNamespaces[h]} logs -l app.kubernetes.io/instance=${h} --all-containers --since=1h --prefix`
</#list>
- In Grafana: each workload's dashboard has its logs (Loki) beside its metrics.

## Restart

<#list objects.Deployment![] as d>
- `kubectl -n ${namespace} rollout restart deployment/${d}`
</#list>
<#list objects.StatefulSet![] as s>
- `kubectl -n ${namespace} rollout restart statefulset/${s}`
</#list>

## Scale

Change the app's `replicas` in `${source}`, run `./mvnw neotool:generate`, and merge the pull
request. `kubectl scale` lasts until the next sync (within ${interval}): Flux applies
`spec.replicas` from Git again.

<#if objects.CronJob?? && objects.CronJob?seq_contains("database-backup")>
## Database backups

- Back up now: `kubectl -n ${namespace} create job --from=cronjob/database-backup database-backup-manual-$(date +%s)`
- The last runs and their logs: `kubectl -n ${namespace} get jobs -l app.kubernetes.io/name=database-backup` and `kubectl -n ${namespace} logs job/<job> --all-containers`
- The backups kept (one folder per run, `${backupBucket}/${cluster}/<date>T<time>Z/`, and Vault's snapshots under `${backupBucket}/${cluster}/vault/`): `kubectl -n ${namespace} logs job/<a backup job> -c upload`, or `mc ls` on the bucket.

## Restore

<#if objects.CronJob?seq_contains("database-restore")>
The restore is the suspended CronJob `database-restore`: a Job made from it fetches one backup (default the latest), creates the roles the server lacks (an existing role keeps its password), and restores each database with `pg_restore --create`. It refuses, before changing anything, a database that holds tables, unless told to overwrite it.

- Restore every database from the latest backup, into a server that lost them: `kubectl -n ${namespace} create job --from=cronjob/database-restore database-restore-$(date +%s)`
- One database, from a chosen backup, replacing what it holds (its connections are closed): `kubectl -n ${namespace} create job --from=cronjob/database-restore database-restore-$(date +%s) --dry-run=client -o yaml | kubectl set env --local -f - -c fetch RESTORE_FROM=2026-12-01T030000Z -o yaml | kubectl set env --local -f - -c restore RESTORE_DATABASES="<database>" RESTORE_OVERWRITE=yes -o yaml | kubectl create -f -`
- Follow it: `kubectl -n ${namespace} logs -f job/<job> --all-containers`; the databases a backup holds: ${databaseNames}.
</#if>
<#if objects.CronJob?seq_contains("database-restore-drill")>
- The restore drill (`database-restore-drill`, ${drillSchedule} UTC) restores the latest backup of every database into a scratch database `restore_drill_<database>` on the same server, checks every table and row against the dump, and drops it; it never touches the live databases. Run it now: `kubectl -n ${namespace} create job --from=cronjob/database-restore-drill database-restore-drill-$(date +%s)`; its last runs: `kubectl -n ${namespace} get jobs -l app.kubernetes.io/name=database-backup`.
</#if>
<#if objects.CronJob?seq_contains("vault-snapshot")>
- Vault's snapshot (`vault-snapshot`, on the backup's schedule) now: `kubectl -n ${namespace} create job --from=cronjob/vault-snapshot vault-snapshot-$(date +%s)`. Restore one into Vault (every secret and policy back to that moment; the key shares and root token are those of the snapshot's Vault): copy it out of the bucket (`mc cp`), then `kubectl -n ${namespace} port-forward svc/vault 8200:8200 &` and `VAULT_ADDR=http://127.0.0.1:8200 VAULT_TOKEN=<token> vault operator raft snapshot restore -force <file>.snap`; unseal with the snapshot's key shares ([Vault sealed](#vault-sealed-after-a-restart-of-vault-0-or-of-the-node)).
</#if>

</#if>
<#if pitr>
## Point-in-time recovery (CloudNativePG)

The Cluster `postgres` archives its WAL continuously and takes a base backup daily (`ScheduledBackup postgres-daily`, from a standby) to `s3://${backupBucket}/${cluster}/postgres/`, kept ${retentionDays} days: any moment within them can be recovered. CloudNativePG recovers into a new Cluster, never in place.
- The base backups and their state: `kubectl -n ${namespace} get backups`; WAL archiving: `kubectl -n ${namespace} get cluster postgres -o jsonpath='{.status.conditions[?(@.type=="ContinuousArchiving")]}'`
- A base backup now: `kubectl -n ${namespace} create -f - <<<'{"apiVersion":"postgresql.cnpg.io/v1","kind":"Backup","metadata":{"generateName":"postgres-manual-"},"spec":{"cluster":{"name":"postgres"},"method":"barmanObjectStore"}}'`
- Recover to a moment: write `infrastructure/${cluster}/configs/postgres/cluster-postgres.yaml` to a scratch file with the name `postgres-pitr`, `spec.bootstrap` replaced by `recovery: {source: postgres, recoveryTarget: {targetTime: "2026-12-01 02:59:00+00"}}`, `spec.externalClusters: [{name: postgres, barmanObjectStore: <the backup.barmanObjectStore of the same file>}]` and no `spec.backup`; `kubectl -n ${namespace} apply -f` it and wait for `kubectl -n ${namespace} get cluster postgres-pitr` to be healthy. Copy what is needed back into the live Cluster (`pg_dump -h postgres-pitr-rw -Fc <database> | pg_restore -h postgres-rw --clean --if-exists -d <database>` from a pod with the superuser's password, Secret `postgres-superuser`), then `kubectl -n ${namespace} delete cluster postgres-pitr`.

</#if>
<#if moves?has_content>
## Moving here from one node

This cluster runs on three nodes (`cluster.topology: ha`). When an existing cluster is switched, its data moves by hand, in this order; the review of the switch lists the same steps as dangers. Vault's move is in the review too: vault-0 keeps its data, then each joined member is unsealed until `vault operator raft list-peers` lists three voters.

<#list moves as m>
### ${m.title}

<#list m.steps as s>
${s?counter}. ${s}
</#list>

</#list>
</#if>
<#if objects.HelmRelease?? && objects.HelmRelease?seq_contains("vault")>
## Vault sealed (after a restart of vault-0 or of the node)

<#if transit?has_content>
Vault unseals itself at every start through the transit key `${transit.keyName}` of ${transit.address}, with the token in the Secret `${transit.tokenSecret}` (key `token`, created by hand: `kubectl -n ${namespace} create secret generic ${transit.tokenSecret} --from-literal=token=<token>`). Sealed means that Vault cannot reach it or the token was refused:
- Status: `kubectl -n ${namespace} exec vault-0 -- vault status` (`Seal Type transit`), and why: `kubectl -n ${namespace} logs vault-0 | grep -i seal`
- After fixing the address or renewing the token: `kubectl -n ${namespace} delete pod vault-0`; the operators' recovery keys do not unseal, they authorise a new root token or a seal migration.
<#else>
Vault starts sealed, and every pod that reads a secret waits until it is unsealed.
- Status: `kubectl -n ${namespace} exec vault-0 -- vault status`
- Unseal, once per key share until `Sealed false`: `kubectl -n ${namespace} exec -ti vault-0 -- vault operator unseal`<#if ha>; then the same for `vault-1` and `vault-2` (each member is sealed on its own)</#if>
</#if>

## Secrets the cluster reads

- List them with their config lines: `./mvnw neotool:secrets -Dneotool.cluster=${cluster}`
- Check Vault holds every one (after the port-forward above): `VAULT_TOKEN=<token> ./mvnw neotool:secrets -Dneotool.cluster=${cluster}`
- The `vault kv put` lines to write them: `./mvnw neotool:secrets -Dneotool.cluster=${cluster} -Dneotool.secrets.skeleton`

</#if>
## Alerts

<#list alerts as a>
### ${a.name}

**${a.severity}**, after ${a.for}: ${a.summary}.

${a.description}

<#switch a.group>
<#case "vault">First look: `kubectl -n ${namespace} exec vault-0 -- vault status`; then [Vault sealed](#vault-sealed-after-a-restart-of-vault-0-or-of-the-node).
<#break>
<#case "postgres">First look: `kubectl -n ${namespace} logs statefulset/postgres --all-containers --since=1h`.
<#break>
<#case "pgbouncer">First look: `kubectl -n ${namespace} logs deployment/pgbouncer --all-containers --since=1h`.
<#break>
<#case "kafka">First look: `kubectl -n ${namespace} logs statefulset/kafka --all-containers --since=1h`.
<#break>
<#case "backups">First look: [Database backups](#database-backups).
<#break>
<#case "certificates">First look: `kubectl -n ${namespace} get certificates` and `kubectl -n ${namespace} describe certificate <name>`.
<#break>
<#case "apps">First look: the app's dashboard in Grafana, and its [logs](#logs).
<#break>
<#default>First look: `kubectl -n ${namespace} get pods` and `flux get kustomizations`; then [Logs](#logs).
</#switch>

</#list>
