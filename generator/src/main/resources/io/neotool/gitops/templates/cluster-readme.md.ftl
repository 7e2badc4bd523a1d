# Cluster `${cluster}`

Generated from `${source}`; NeoTool runs in the namespace `${namespace}`. Flux applies this folder
(`flux bootstrap --path=clusters/${cluster}`), then one Kustomization per component and per app,
named after it, each once what it uses is healthy (an arrow: waits for). Every one also waits for
`namespace` and `network-policies`, which the graph leaves out. A failure holds up only what uses
what failed: `flux get kustomizations` names it.

## What Flux deploys here

```mermaid
${graph}```

## Topology

<#if ha>
Three K3S server nodes with embedded etcd (`cluster.topology: ha`); a node's loss keeps every quorum
(two of three) and the data. More than one, spread over the nodes:

<#list topology.replicated as r>
- ${r}
</#list>

One instance, and why:

<#list topology.single as s>
- ${s}
</#list>

Volumes are K3S local-path: each lives on one node's disk, so a single instance waits for its node.
<#else>
One K3S node (`cluster.topology: single-node`): every stateful part runs one instance on a
local-path volume of the node's disk, so the node's failure stops them until it is back, and its
disk's loss is what the backups and Vault's snapshots are for.
</#if>

### Requests per node

What the pods ask of each of the ${topology.budget.nodes} node(s): each component's and app's requests as the
config sets them, times its pods; one share of the others per node, plus what runs on every node.
The night's Jobs (backups, the drill) and the charts' small helpers the config does not size are
the margin's.

| pods | count | CPU each | memory each |
|---|---|---|---|
<#list topology.budget.rows as r>
| ${r.what} | ${r.pods} | ${r.cpu} | ${r.memory} |
</#list>

<#if topology.budget.sizeCpu?has_content>
Per node: **${topology.budget.cpu} CPU and ${topology.budget.memory}** of the ${topology.budget.sizeCpu} CPU and ${topology.budget.sizeMemory} a node offers (`cluster.nodeSize`; the generator refuses a config that asks more).
<#else>
Per node: **${topology.budget.cpu} CPU and ${topology.budget.memory}**. No node size is stated: set `cluster.nodeSize` and the generator refuses a config that asks more.
</#if>

## Versions

The image and chart versions this cluster runs; `clusters/README.md` compares every environment.
<#if k3sVersion?has_content>
The node runs K3S ${k3sVersion} (Kubernetes ${kubernetesVersion}); `RUNBOOK.md` has the install and
upgrade command.
</#if>

| component | image / chart | version |
|---|---|---|
<#list versions as row>
| ${row.component} | ${row.what} | ${row.versions[cluster]} |
</#list>

## Observability

<#if observability.targets?has_content>
Prometheus scrapes (pods annotated `prometheus.io/scrape`, each allowed by a NetworkPolicy):

<#list observability.targets as target>
- ${target}
</#list>

Alerts (`infrastructure.prometheus.alerts` sets the thresholds; each is proven by `promtool test
rules` in CI, firing once and staying quiet once):

| alert | component | severity | for | summary |
|---|---|---|---|---|
<#list observability.alerts as alert>
| ${alert.name} | ${alert.group} | ${alert.severity} | ${alert.for} | ${alert.summary} |
</#list>

<#if observability.receivers?has_content>
Alertmanager delivers them to: <#list observability.receivers as r>${r}<#sep>, </#sep></#list>.
<#else>
No receiver is configured: the alerts show in Prometheus and Grafana only.
</#if>

Grafana dashboards (folder "NeoTool", provisioned read-only; those of a workload show its logs
from Loki beside its metrics when Loki runs):

<#list observability.dashboards as dashboard>
- ${dashboard}
</#list>
<#else>
Prometheus is not enabled: nothing is scraped, alerted on or drawn.
</#if>
