#!/usr/bin/env bash
# Three nodes cost no more to generate than one: the in-memory generation of the same 1,000-app
# environment (default; pass another size) on each topology under JMH (PhasesJmh.generate), and the
# ratio, which must stay within 10 % (exit 1 beyond).
# Usage: bench/topology.sh [apps]
set -euo pipefail
cd "$(dirname "$0")/.."
APPS=${1:-1000}
./mvnw -B -q -pl generator test-compile
CP=$(./mvnw -B -q -pl generator dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
mkdir -p target
java -Dneotool.repoRoot="$PWD" -cp "generator/target/test-classes:generator/target/classes:$CP" \
  org.openjdk.jmh.Main 'PhasesJmh.generate$' -p apps="$APPS" -p topology=single-node,ha \
  -jvmArgsAppend "-Dneotool.repoRoot=$PWD -XX:+UseParallelGC" -rf text -rff target/jmh-topology.txt
python3 - target/jmh-topology.txt <<'PY'
import re, sys
scores = {}
for line in open(sys.argv[1]):
    m = re.match(r'\S*generate\s+(\d+)\s+(\S+)\s+avgt\s+\d+\s+([\d.,]+)\s+±\s+([\d.,]+)', line)
    if m:
        scores[m.group(2)] = (float(m.group(3).replace(',', '')), float(m.group(4).replace(',', '')))
one, three = scores["single-node"], scores["ha"]
ratio = three[0] / one[0]
print(f"generate, {sys.argv[1]}: single-node {one[0]:.1f} ± {one[1]:.1f} ms, ha {three[0]:.1f} ± {three[1]:.1f} ms, ha/single-node {ratio:.3f}")
sys.exit(0 if ratio <= 1.10 else 1)
PY
