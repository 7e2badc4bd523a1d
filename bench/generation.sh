#!/usr/bin/env bash
# How generation scales with the number of apps: in-JVM generation against Jackson writing the same
# objects, per environment size (default 100 and 1,000 apps; pass sizes to choose).
# Usage: bench/generation.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl generator test-compile
CP=$(./mvnw -B -q -pl generator dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ $# -gt 0 ] || set -- 100 1000
java -Xmx4g -Dneotool.repoRoot="$PWD" -cp "generator/target/test-classes:generator/target/classes:$CP" \
  io.neotool.gitops.bench.GenerationBench "$WORK" "$@"
