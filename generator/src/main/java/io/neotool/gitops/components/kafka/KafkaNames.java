package io.neotool.gitops.components.kafka;

/**
 * The names and ports of Kafka on any topology, which its parts share (the broker or Strimzi's
 * nodes, the topics, the exporter): the apps' address is {@value #SERVICE}:{@value #PORT} on both.
 */
final class KafkaNames {
    private KafkaNames() {}

    static final String SERVICE = "kafka";
    static final int PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    static final String TOPICS_JOB = "kafka-topics";

    /** UID and GID of {@code appuser} in the apache/kafka image. */
    static final long UID = 1000;

    static final String DATA = "/var/lib/kafka/data";

    /** Bootstrap servers for clients in the namespace. */
    static String bootstrap() {
        return SERVICE + ":" + PORT;
    }
}
