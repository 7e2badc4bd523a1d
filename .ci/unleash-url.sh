#!/usr/bin/env bash
# Unleash reads its database from the URL its Vault agent template renders (DATABASE_URL_FILE). The
# template, from the committed production tree, is rendered (.ci/agent-template) for hard passwords
# and parsed by pg-connection-string, the parser unleash-server 7.5.1 depends on (^2.12.0; 2.14.1 is
# what that range resolves to): user, password, host, port and database must come back exactly.
set -euo pipefail
cd "$(dirname "$0")/.."
PARSER=2.14.1   # npm registry
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
npm install --prefix "$WORK" --no-audit --no-fund --no-progress --loglevel error "pg-connection-string@$PARSER" >/dev/null
PYTHON=python3
if [ -x target/ci/venv/bin/python ]; then PYTHON="$PWD/target/ci/venv/bin/python"; fi
"$PYTHON" - "$WORK/url.tpl" <<'PY'
import sys, yaml
hr = yaml.safe_load(open("infrastructure/production/configs/unleash/helmrelease-unleash.yaml"))
open(sys.argv[1], "w").write(hr["spec"]["values"]["podAnnotations"]["vault.hashicorp.com/agent-inject-template-database-url"])
PY
checked=0
while IFS= read -r password; do
  secret=$("$PYTHON" -c 'import json,sys; print(json.dumps({"password": sys.argv[1]}))' "$password")
  url=$(cd .ci/agent-template && go run . "$WORK/url.tpl" "$secret")
  URL="$url" PASSWORD="$password" node -e '
    const { parse } = require(process.argv[1]);
    const c = parse(process.env.URL);
    const want = { user: "unleash", password: process.env.PASSWORD, host: "pgbouncer", port: "5432", database: "unleash" };
    for (const k of Object.keys(want)) {
      if (String(c[k]) !== want[k]) { console.error(`${k}: got ${JSON.stringify(c[k])}, want ${JSON.stringify(want[k])} from ${process.env.URL}`); process.exit(1); }
    }' "$WORK/node_modules/pg-connection-string"
  checked=$((checked + 1))
done <<'PASSWORDS'
p"@ss:/w?#%+ d\x é
a b+c
%41%zz
'quoted' "double"
user:pass@host/db?x=1#frag
日本語パスワード
PASSWORDS
echo "unleash: the DATABASE_URL template parsed back exactly by pg-connection-string $PARSER for $checked hard passwords"
