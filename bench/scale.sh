#!/usr/bin/env bash
# One large environment end to end under a small heap: generate N apps (default 10,000) into an empty
# repository, regenerate (a no-op), read the tree back, validate in the JVM; then kubeconform on the
# same tree with the same catalog when .ci/schemas.sh has built them, for the objects-per-second ratio;
# then kustomize build of every Flux path (up to 1,000 apps; KUSTOMIZE_MAX_APPS to change).
# VALIDATIONS=K (default 8; 0 for a correctness check) repeats the in-JVM validation K times, for
# its cost once the JIT has warmed; the ratios to kubeconform are printed for both. EDITS=K (default
# 10) times one app's replicas is changed and the tree regenerated: the everyday edit.
# Usage: [VALIDATIONS=K] [EDITS=K] bench/scale.sh [N] [heap, default 512m]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
HEAP=${2:-512m}
./mvnw -B -q -pl generator test-compile
CP=$(./mvnw -B -q -pl generator dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CATALOG=""
[ -d target/ci/catalog ] && CATALOG="$PWD/target/ci/catalog"
java -Xmx"$HEAP" -XX:+UseParallelGC -Dneotool.repoRoot="$PWD" -Dneotool.bench.validations="${VALIDATIONS:-8}" -Dneotool.bench.edits="${EDITS:-10}" -cp "generator/target/test-classes:generator/target/classes:$CP" \
  io.neotool.gitops.bench.ScaleCheck "$WORK" "$N" $CATALOG
if [ -n "$CATALOG" ] && [ -x target/ci/bin/kubeconform ]; then
  start=$(date +%s%N)
  summary=$(target/ci/bin/kubeconform -strict -summary -ignore-filename-pattern 'kustomization\.yaml$' \
      -schema-location "$CATALOG/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
      -schema-location "$CATALOG/core/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
      "$WORK/repo/clusters" "$WORK/repo/infrastructure" "$WORK/repo/apps" 2>&1 | tail -1)
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "  kubeconform        $(printf %8d "$ms") ms: $summary"
  read -r objects first repeated < "$WORK/validate.txt"
  python3 -c "
o, k, f, r = $objects, $ms, $first, $repeated
line = f'  in-JVM / kubeconform objects/s: first validation {k / f:.2f}'
print(line + (f', repeated {k / r:.2f}' if r else ''))"
fi
if [ -x target/ci/bin/kustomize ] && [ "$N" -le "${KUSTOMIZE_MAX_APPS:-1000}" ]; then
  # What Flux pays on every sync: kustomize build of each path a Flux Kustomization applies (it grows
  # with the square of a path's objects: past 1,000 apps it takes minutes to hours, so it is skipped).
  total=0
  for path in $(grep -h '^  path: ' "$WORK"/repo/clusters/*/*.yaml | sed 's#^  path: \./##' | sort -u); do
    start=$(date +%s%N)
    objects=$(timeout 300 target/ci/bin/kustomize build "$WORK/repo/$path" | grep -c '^kind: ' || true)
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    total=$((total + ms))
    echo "  kustomize build    $(printf %8d "$ms") ms: $path ($objects objects)"
  done
  echo "  kustomize, every Flux path: $total ms"
fi
