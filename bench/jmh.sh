#!/usr/bin/env bash
# The in-JVM phases under JMH (io.neotool.gitops.bench.PhasesJmh): generation vs Jackson writing the
# same objects, a no-op regeneration vs reading the tree back, validation; per environment size.
# Usage: bench/jmh.sh [apps,...] [extra JMH options]   e.g. bench/jmh.sh 100,1000,10000
# With target/ci/catalog (.ci/schemas.sh) the validation checks the schemas too.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-100,1000}
shift || true
./mvnw -B -q -pl generator test-compile
CP=$(./mvnw -B -q -pl generator dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
PROPS=(-Dneotool.repoRoot="$PWD")
# the forks run with the collector Maven runs the goals with (.mvn/jvm.config)
JVM=(-XX:+UseParallelGC)
[ -d target/ci/catalog ] && PROPS+=(-Dneotool.schemaLocation="$PWD/target/ci/catalog")
java "${PROPS[@]}" -cp "generator/target/test-classes:generator/target/classes:$CP" \
  org.openjdk.jmh.Main PhasesJmh -p apps="$SIZES" -jvmArgsAppend "${PROPS[*]} ${JVM[*]}" -rf text -rff target/jmh.txt "$@"
