#!/usr/bin/env bash
# How long the config loader takes on its worst inputs (size, depth, key count, line length).
# Usage: bench/config-limits.sh   (builds the generator's test classes first)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl generator test-compile
CP=$(./mvnw -B -q -pl generator dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "generator/target/test-classes:generator/target/classes:$CP" io.neotool.gitops.bench.ConfigLimitsBench
