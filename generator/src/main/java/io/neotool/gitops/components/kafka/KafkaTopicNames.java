package io.neotool.gitops.components.kafka;

import io.neotool.gitops.platform.Checksum;
import java.util.Locale;

/** The object name of a KafkaTopic: the topic's own where Kubernetes allows it. */
public final class KafkaTopicNames {
    private KafkaTopicNames() {}

    /**
     * The topic's own name when it is a valid object name, else a lower-case form with a hash of
     * the topic (so that {@code Orders} and {@code orders} never share an object).
     */
    public static String objectName(String topic) {
        if (topic.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") && topic.length() <= 200) {
            return topic;
        }
        String base =
                topic.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9.-]", "-")
                        .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        if (base.length() > 200) {
            base = base.substring(0, 200);
        }
        String hash = Checksum.sha256(topic).substring(0, 8);
        return base.isEmpty() ? "topic-" + hash : base + "-" + hash;
    }
}
