#!/usr/bin/env bash
# Every performance goal in one run, per environment size (default 100, 1,000 and 10,000 apps):
# generation vs Jackson (bench/generation.sh), then per size bench/scale.sh under -Xmx512m (no-op
# vs reading back, in-JVM validation vs kubeconform, peak heap, kustomize build of every Flux path
# up to 1,000 apps), and a table of the ratios at the end. Installs kubeconform and kustomize from
# the Go module proxy and builds the schema catalog (.ci/schemas.sh) when they are missing.
# Takes about 10 minutes on 2 cores with the three default sizes.
# Usage: bench/run.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- 100 1000 10000
if [ ! -x target/ci/bin/kubeconform ] || [ ! -x target/ci/bin/kustomize ] || [ ! -d target/ci/catalog ]; then
  bash .ci/schemas.sh > /dev/null
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
echo "== generation vs Jackson (each side warmed 10 s, median of 7)"
bash bench/generation.sh "$@" | tee "$OUT/generation.txt"
for n in "$@"; do
  echo "== $n apps end to end (bench/scale.sh $n 512m)"
  repeats=8
  [ "$n" -le 1000 ] || repeats=4
  VALIDATIONS=${VALIDATIONS:-$repeats} bash bench/scale.sh "$n" 512m | tee "$OUT/scale-$n.txt"
done
python3 - "$OUT" "$@" <<'EOF'
import re, sys
out, sizes = sys.argv[1], sys.argv[2:]
generation = {}
for line in open(f"{out}/generation.txt"):
    cols = line.split()
    if cols and cols[0].isdigit():
        generation[cols[0]] = cols[4]
print("\n| apps | generate / Jackson | no-op / read back | validate / kubeconform, first (repeated) | slowest Flux path build | peak heap |")
print("|---|---|---|---|---|---|")
for n in sizes:
    text = open(f"{out}/scale-{n}.txt").read()
    noop = re.search(r"\(0 written\), ([\d.]+) x reading", text)
    ratio = re.search(r"first validation ([\d.]+)(?:, repeated ([\d.]+))?", text)
    builds = [int(ms) for ms in re.findall(r"kustomize build\s+(\d+) ms", text)]
    heap = re.search(r"heap\s+(\d+) MB", text)
    validate = "-" if not ratio else ratio.group(1) + (f" ({ratio.group(2)})" if ratio.group(2) else "")
    slowest = f"{max(builds)} ms" if builds else "not built (past KUSTOMIZE_MAX_APPS)"
    print(f"| {n} | {generation.get(n, '-')} | {noop.group(1) if noop else '-'} | {validate} | {slowest} | {heap.group(1) + ' MB' if heap else '-'} |")
EOF
