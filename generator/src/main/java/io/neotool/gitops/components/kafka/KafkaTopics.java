package io.neotool.gitops.components.kafka;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.platform.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The apps' topics on three nodes: Strimzi {@code KafkaTopic}s, made by its topic operator. */
final class KafkaTopics {
    private KafkaTopics() {}

    /**
     * One app topic: partitions from the config, three replicas (two in sync: the Kafka's own
     * min.insync.replicas, no override). Its object name is the topic's own when that is a valid
     * name, else a lower-case form with a hash of the topic (so that {@code Orders} and {@code
     * orders} never share an object); {@code topicName} keeps the topic's exact name.
     */
    static HasMetadata topic(Context context, String topic, KafkaSettings k) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("topicName", topic);
        spec.put("partitions", k.defaultPartitions());
        spec.put("replicas", KafkaCluster.NODES);
        GenericKubernetesResource object =
                KafkaCluster.resource(
                        context, "KafkaTopic", KafkaTopicNames.objectName(topic), spec);
        object.getMetadata().getLabels().put("strimzi.io/cluster", KafkaNames.SERVICE);
        return object;
    }
}
