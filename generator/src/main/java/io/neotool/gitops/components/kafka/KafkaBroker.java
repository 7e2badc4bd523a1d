package io.neotool.gitops.components.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * The single broker's settings, as the apache/kafka image reads them from its environment: one
 * KRaft node that is broker and controller at once, every replication factor 1, topics created only
 * by the topics Job.
 */
final class KafkaBroker {
    private KafkaBroker() {}

    /** The image's environment for the broker whose advertised name is {@code node}. */
    static Map<String, String> env(KafkaSettings k, String node) {
        int port = KafkaComponent.PORT;
        int controllerPort = KafkaComponent.CONTROLLER_PORT;
        Map<String, String> env = new TreeMap<>();
        env.put("CLUSTER_ID", k.clusterId());
        env.put("KAFKA_NODE_ID", "1");
        env.put("KAFKA_PROCESS_ROLES", "broker,controller");
        env.put("KAFKA_LISTENERS", "PLAINTEXT://:" + port + ",CONTROLLER://:" + controllerPort);
        env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + node + ":" + port);
        env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@" + node + ":" + controllerPort);
        env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
        env.put("KAFKA_LOG_DIRS", KafkaComponent.DATA + "/logs");
        env.put("KAFKA_NUM_PARTITIONS", String.valueOf(k.defaultPartitions()));
        env.put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
        env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        env.put("KAFKA_DEFAULT_REPLICATION_FACTOR", "1");
        env.put("KAFKA_MIN_INSYNC_REPLICAS", "1");
        env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        env.put("KAFKA_HEAP_OPTS", k.heapOpts());
        env.put("LOG_DIR", "/tmp/kafka-logs");
        return env;
    }
}
