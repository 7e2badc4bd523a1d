# Versions in every environment

Generated from <#list sources as source>`${source}`<#sep>, </#sep></#list>. Each cluster's own folder
(`clusters/<cluster>/README.md`) shows what Flux deploys there.

Rows marked ⚠ differ between environments (a promotion in progress, or a forgotten one).

| component | image / chart |<#list environments as env> ${env} |</#list>
|---|---|<#list environments as env>---|</#list>
<#list versions as row>
| ${row.component}<#if row.skew> ⚠</#if> | ${row.what} |<#list environments as env> ${row.versions[env]!"—"} |</#list>
</#list>
