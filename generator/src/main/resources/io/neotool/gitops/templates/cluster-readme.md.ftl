# Cluster `${cluster}`

Generated from `${source}`; NeoTool runs in the namespace `${namespace}`. Flux applies this folder
(`flux bootstrap --path=clusters/${cluster}`), then the three Kustomizations below, each after the
one it depends on is healthy.

## What Flux deploys here

```mermaid
${graph}```

## Versions in every environment

Rows marked ⚠ differ between environments (a promotion in progress, or a forgotten one).

| component | image / chart |<#list environments as env> ${env} |</#list>
|---|---|<#list environments as env>---|</#list>
<#list versions as row>
| ${row.component}<#if row.skew> ⚠</#if> | ${row.what} |<#list environments as env> ${row.versions[env]!"—"} |</#list>
</#list>
