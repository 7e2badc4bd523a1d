# Cluster `${cluster}`

Generated from `${source}`; NeoTool runs in the namespace `${namespace}`. Flux applies this folder
(`flux bootstrap --path=clusters/${cluster}`), then the three Kustomizations below, each after the
one it depends on is healthy.

## What Flux deploys here

```mermaid
${graph}```

## Versions

The image and chart versions this cluster runs; `clusters/README.md` compares every environment.

| component | image / chart | version |
|---|---|---|
<#list versions as row>
| ${row.component} | ${row.what} | ${row.versions[cluster]} |
</#list>
