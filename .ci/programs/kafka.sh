#!/usr/bin/env bash
# The generated topics Job against a real Kafka 3.7.0 broker in KRaft mode (Maven Central's jars, the
# version the image pins): the broker configured from the StatefulSet's KAFKA_* environment as the
# image's start script does (KAFKA_FOO_BAR -> foo.bar), listeners moved to 127.0.0.1, storage formatted
# with the StatefulSet's CLUSTER_ID; then the Job's script run twice (it must be idempotent) with the
# image's commands mapped to the same classes, and every topic the Job declares checked on the broker
# with the partitions it asks for.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/programs/lib.sh
mkdir -p target/ci
./mvnw -B -q -f .ci/programs/kafka/pom.xml org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$PWD/target/ci/kafka-classpath.txt" >/dev/null
CP=$(cat target/ci/kafka-classpath.txt)
WORK="$WORK/kafka"
mkdir -p "$WORK"
BROKER=$(free_port)
CONTROLLER=$(free_port)
"$PYTHON" - "$WORK" "$BROKER" "$CONTROLLER" <<'PY'
import sys, yaml
work, broker, controller = sys.argv[1:4]
sts = yaml.safe_load(open("infrastructure/production/configs/kafka/statefulset-kafka.yaml"))
env = {e["name"]: e.get("value", "") for e in sts["spec"]["template"]["spec"]["containers"][0]["env"]}
local = {"KAFKA_LISTENERS": f"PLAINTEXT://127.0.0.1:{broker},CONTROLLER://127.0.0.1:{controller}",
         "KAFKA_ADVERTISED_LISTENERS": f"PLAINTEXT://127.0.0.1:{broker}",
         "KAFKA_CONTROLLER_QUORUM_VOTERS": f"{env['KAFKA_NODE_ID']}@127.0.0.1:{controller}",
         "KAFKA_LOG_DIRS": work + "/data"}
for name in local:
    assert name in env, "the StatefulSet no longer sets " + name
props = []
for name, value in sorted(env.items()):
    # the image's wrapper: every KAFKA_ variable but its own settings becomes a property
    if not name.startswith("KAFKA_") or name in ("KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_LOG4J_OPTS"):
        continue
    props.append(name[len("KAFKA_"):].lower().replace("_", ".") + "=" + local.get(name, value))
open(work + "/server.properties", "w").write("\n".join(props) + "\n")
open(work + "/cluster-id", "w").write(env["CLUSTER_ID"])
job = yaml.safe_load(open("infrastructure/production/configs/kafka/job-kafka-topics.yaml"))
script = job["spec"]["template"]["spec"]["containers"][0]["command"][2]
for tool, function in [("/opt/kafka/bin/kafka-topics.sh", "kafka_topics"),
                       ("/opt/kafka/bin/kafka-broker-api-versions.sh", "kafka_api_versions")]:
    assert tool in script, "the Job no longer runs " + tool
    script = script.replace(tool, function)
assert "kafka:9092" in script, "the Job no longer reaches kafka:9092"
open(work + "/topics.sh", "w").write(script.replace("kafka:9092", "127.0.0.1:" + broker))
open(work + "/declared", "w").write("\n".join(job["metadata"]["annotations"]["neotool.io/topics"].split(",")) + "\n")
PY
java -cp "$CP" kafka.tools.StorageTool format -t "$(cat "$WORK/cluster-id")" -c "$WORK/server.properties" >/dev/null 2>&1
java -Xmx512m -cp "$CP" kafka.Kafka "$WORK/server.properties" > "$WORK/broker.log" 2>&1 &
record $!
# the Job's script as the image runs it, its two commands mapped to the classes they start
{
  echo 'kafka_topics() { java -cp "$CP" org.apache.kafka.tools.TopicCommand "$@" 2>/dev/null; }'
  echo 'kafka_api_versions() { java -cp "$CP" kafka.admin.BrokerApiVersionsCommand "$@"; }'
  cat "$WORK/topics.sh"
} > "$WORK/job.sh"
for run in first second; do
  echo "-- $run run"
  CP="$CP" timeout 180 sh "$WORK/job.sh" > "$WORK/$run.log" 2>&1 || { cat "$WORK/$run.log" "$WORK/broker.log" >&2; exit 1; }
done
java -cp "$CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$BROKER" --describe 2>/dev/null > "$WORK/describe"
partitions=$(grep -o -- '--partitions [0-9]*' "$WORK/topics.sh" | head -n 1 | cut -d' ' -f2)
checked=0
while IFS= read -r topic; do
  [ -n "$topic" ] || continue
  grep -q "^Topic: $topic	.*PartitionCount: $partitions	" "$WORK/describe" \
    || { echo "topic $topic with $partitions partitions not on the broker" >&2; cat "$WORK/describe" >&2; exit 1; }
  checked=$((checked + 1))
done < "$WORK/declared"
echo "kafka: the topics Job ran twice on Kafka 3.7.0 (KRaft, configured from the StatefulSet's environment); $checked declared topics on the broker with $partitions partitions"
