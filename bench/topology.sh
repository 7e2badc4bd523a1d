#!/usr/bin/env bash
# Three nodes cost no more to generate than one: the in-memory generation of the same environment
# (default 1,000 apps) on each topology, rendered in turn in one JVM (TopologyBench: medians of 31
# alternating renders after a warm-up), and the ratio, which must stay within 10 % (exit 1 beyond).
# JMH's own comparison (PhasesJmh.generate, -p topology=single-node,ha) runs the two in forks one
# after the other: bench/jmh.sh 1000 -p topology=single-node,ha
# Usage: bench/topology.sh [apps] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl generator test-compile
CP=$(./mvnw -B -q -pl generator dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
java -Xmx3g -XX:+UseParallelGC -Dneotool.repoRoot="$PWD" -cp "generator/target/test-classes:generator/target/classes:$CP" \
  io.neotool.gitops.bench.TopologyBench "$WORK" "${1:-1000}" "${2:-31}"
