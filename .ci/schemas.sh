#!/usr/bin/env bash
# Installs the CI validators and builds the schema catalog, from the package registries only.
# Prints the catalog folder on its last line. Versions are pinned here.
set -euo pipefail
cd "$(dirname "$0")/.."

KUBERNETES_VALIDATE=1.33.1     # PyPI: Kubernetes 1.33 JSON schemas (strict), the version the clusters run
PYYAML=6.0.3
CHECKOV=3.3.30                 # PyPI: the security linter run on the built trees
KUBECONFORM=v0.7.0
KUSTOMIZE=v5.8.1
CONTROLLER_GEN=v0.20.1
FLUX_SCHEMA=v0.1.0
PROMTOOL=v0.316.0              # Prometheus' promtool (module versions v0.3xx.y are Prometheus 3.x; v0.55.1 is refused: replace directives)
# The Flux API modules whose CRDs we generate (the newest that build with Go 1.26; the controllers'
# own repositories, which hold the CRD files, are refused by the module proxy).
FLUX_APIS=(github.com/fluxcd/helm-controller/api@v1.6.5 github.com/fluxcd/source-controller/api@v1.9.6 github.com/fluxcd/kustomize-controller/api@v1.9.6)

WORK="$PWD/target/ci"
mkdir -p "$WORK"
export GOBIN="$WORK/bin"
export GOFLAGS=-mod=mod
export PATH="$GOBIN:$PATH"

echo "== installing kubeconform $KUBECONFORM, kustomize $KUSTOMIZE, controller-gen $CONTROLLER_GEN (Go module proxy)" >&2
go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM" >&2
go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE" >&2
go install "sigs.k8s.io/controller-tools/cmd/controller-gen@$CONTROLLER_GEN" >&2
echo "== installing promtool $PROMTOOL (Go module proxy)" >&2
go install "github.com/prometheus/prometheus/cmd/promtool@$PROMTOOL" >&2

echo "== flux-schema $FLUX_SCHEMA (Go module proxy)" >&2
if go install "github.com/fluxcd/flux-schema/cmd/flux-schema@$FLUX_SCHEMA" > "$WORK/flux-schema.log" 2>&1; then
  echo "flux-schema installed" >&2
else
  echo "flux-schema NOT available, the module proxy refused it:" >&2
  sed 's/^/  /' "$WORK/flux-schema.log" >&2
fi

echo "== Flux CRDs from the API modules (controller-gen)" >&2
rm -rf "$WORK/crds" "$WORK/api-src" && mkdir -p "$WORK/crds" "$WORK/api-src"
for module in "${FLUX_APIS[@]}"; do
  dir=$(go mod download -json "$module" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  src="$WORK/api-src/$(basename "$(dirname "${module%@*}")")"
  cp -r "$dir" "$src" && chmod -R u+w "$src"
  (cd "$src" && controller-gen crd paths=./... output:crd:dir="$WORK/crds") >&2
done

# cert-manager's CRDs, at the chart version the configs pin: plain YAML in its Go module (deploy/crds).
CERT_MANAGER=$(sed -n '/^  certManager:/,/^  [a-zA-Z]/s/^    chartVersion: *//p' config/*.yaml | sort -uV | tail -1)
if [ -n "$CERT_MANAGER" ]; then
  echo "== cert-manager $CERT_MANAGER CRDs (Go module proxy)" >&2
  dir=$(go mod download -json "github.com/cert-manager/cert-manager@$CERT_MANAGER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  cp "$dir"/deploy/crds/*.yaml "$WORK/crds/" && chmod u+w "$WORK"/crds/*.yaml
fi

# The operators of the three-node topology: CloudNativePG's CRDs from its Go module (config/crd/bases,
# at the operator version the configs pin), Strimzi's from its chart (crds/, the pinned chart from
# ../shared/charts/packages or the chart cache the chart tests fill; Strimzi is Java, no Go module).
CNPG=$(sed -n 's#^    image: ghcr.io/cloudnative-pg/cloudnative-pg:\([0-9.]*\)$#\1#p' config/*.yaml | sort -uV | tail -1)
if [ -n "$CNPG" ]; then
  echo "== CloudNativePG v$CNPG CRDs (Go module proxy)" >&2
  dir=$(go mod download -json "github.com/cloudnative-pg/cloudnative-pg@v$CNPG" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  cp "$dir"/config/crd/bases/*.yaml "$WORK/crds/" && chmod u+w "$WORK"/crds/*.yaml
fi
STRIMZI=$(sed -n '/^  strimzi:/,/^  [a-zA-Z]/s/^    chartVersion: *//p' config/*.yaml | sort -uV | tail -1)
if [ -n "$STRIMZI" ]; then
  echo "== Strimzi $STRIMZI CRDs (its chart)" >&2
  chart=""
  for folder in "${NEOTOOL_CHART_DATA:-../shared/charts}/packages" "${XDG_CACHE_HOME:-$HOME/.cache}/neotool-gitops/charts"; do
    if [ -f "$folder/strimzi-kafka-operator-$STRIMZI.tgz" ]; then chart="$folder/strimzi-kafka-operator-$STRIMZI.tgz"; break; fi
  done
  if [ -z "$chart" ]; then
    echo "strimzi-kafka-operator-$STRIMZI.tgz is neither in ../shared/charts/packages nor in the chart cache: run the chart tests once (./mvnw verify -Dneotool.requireCharts=true fetches it)" >&2
    exit 1
  fi
  rm -rf "$WORK/strimzi" && mkdir -p "$WORK/strimzi"
  tar -xzf "$chart" -C "$WORK/strimzi" strimzi-kafka-operator/crds
  cp "$WORK"/strimzi/strimzi-kafka-operator/crds/*.yaml "$WORK/crds/"
fi

echo "== Kubernetes schemas (PyPI kubernetes-validate $KUBERNETES_VALIDATE) and checkov $CHECKOV" >&2
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q "kubernetes-validate==$KUBERNETES_VALIDATE" "pyyaml==$PYYAML" "checkov==$CHECKOV" >&2
SCHEMAS=$("$WORK/venv/bin/python" -c 'import kubernetes_validate, os; print(os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema", "v1.33.0-local-strict"))')

rm -rf "$WORK/catalog"
"$WORK/venv/bin/python" .ci/schema-catalog.py --kubernetes "$SCHEMAS" --crds "$WORK/crds" --out "$WORK/catalog" >&2
echo "$WORK/catalog"
