package io.neotool.gitops.components.kafka;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.AppUse;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.SettingsComponent;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Kafka as one KRaft node in combined mode (broker and controller), a StatefulSet with its headless
 * Service (stable name for the quorum and the advertised listener) and a client Service. Topics the
 * apps declare are created by a Job; auto-creation is off so a typo cannot create a topic.
 */
public final class KafkaComponent extends SettingsComponent<KafkaSettings> {
    public static final String SERVICE = KafkaNames.SERVICE;
    public static final int PORT = KafkaNames.PORT;
    static final String TOPICS_JOB = KafkaNames.TOPICS_JOB;

    public KafkaComponent() {
        super("kafka", Layer.CONFIGS, "kafka", KafkaSettings.class);
    }

    @Override
    protected String title() {
        return "Kafka";
    }

    /** An app with topics produces to or consumes from the broker. */
    @Override
    protected List<String> claims(AppConfig app) {
        return app.uses().kafkaTopics().isEmpty() ? List.of() : List.of("uses.kafkaTopics");
    }

    /** Bootstrap servers for clients in the namespace. */
    public static String bootstrap() {
        return KafkaNames.bootstrap();
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        KafkaSettings k = settings(config);
        if (clustered(config)) {
            return KafkaCluster.objects(context, k, KafkaClusterPaths.topics(config));
        }
        Map<String, String> labels = Context.labels(name(), "message-broker");
        String headless = SERVICE + "-headless";
        String node = SERVICE + "-0." + headless + "." + context.namespace() + ".svc.cluster.local";

        List<EnvVar> envVars = Workloads.env(KafkaBroker.env(k, node));

        var container =
                new ContainerBuilder()
                        .withName("kafka")
                        .withImage(k.image())
                        .withEnv(envVars)
                        .addNewPort()
                        .withName("kafka")
                        .withContainerPort(PORT)
                        .withProtocol("TCP")
                        .endPort()
                        .addNewPort()
                        .withName("controller")
                        .withContainerPort(KafkaNames.CONTROLLER_PORT)
                        .withProtocol("TCP")
                        .endPort()
                        .withResources(Workloads.resources(k.resources()))
                        .withStartupProbe(Workloads.tcpProbe(PORT, 10, 5))
                        .withReadinessProbe(Workloads.tcpProbe(PORT, 0, 10))
                        .withLivenessProbe(Workloads.tcpProbe(PORT, 0, 20))
                        .withSecurityContext(
                                PodSecurity.containerSecurity(
                                        KafkaNames.UID,
                                        KafkaNames.UID,
                                        PodSecurity.readOnlyRoot(k.exemptions())))
                        .addNewVolumeMount()
                        .withName("data")
                        .withMountPath(KafkaNames.DATA)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("tmp")
                        .withMountPath("/tmp")
                        .endVolumeMount()
                        .build();
        var statefulSet =
                new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName(SERVICE)
                        .withLabels(labels)
                        .withAnnotations(PodSecurity.checkovSkips(k.exemptions()))
                        .endMetadata()
                        .withNewSpec()
                        .withServiceName(headless)
                        .withReplicas(1)
                        .withNewSelector()
                        .withMatchLabels(Context.selector(name()))
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName(name())
                        .withAutomountServiceAccountToken(false)
                        .withEnableServiceLinks(false)
                        .withSecurityContext(PodSecurity.pod(KafkaNames.UID))
                        .withTerminationGracePeriodSeconds(60L)
                        .withContainers(container)
                        .addToVolumes(VaultInjection.emptyDir("tmp"))
                        .endSpec()
                        .endTemplate()
                        .withVolumeClaimTemplates(
                                Workloads.claimTemplate(
                                        "data", config.cluster().storageClass(), k.storage()))
                        .endSpec()
                        .build();
        var headlessService =
                new ServiceBuilder()
                        .withNewMetadata()
                        .withName(headless)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withClusterIP("None")
                        .withPublishNotReadyAddresses(true)
                        .withSelector(Context.selector(name()))
                        .addNewPort()
                        .withName("kafka")
                        .withPort(PORT)
                        .withNewTargetPort("kafka")
                        .withProtocol("TCP")
                        .endPort()
                        .addNewPort()
                        .withName("controller")
                        .withPort(KafkaNames.CONTROLLER_PORT)
                        .withNewTargetPort("controller")
                        .withProtocol("TCP")
                        .endPort()
                        .endSpec()
                        .build();
        var service = Workloads.clusterIpService(SERVICE, labels, "kafka", PORT);

        List<HasMetadata> objects =
                new ArrayList<>(
                        List.of(
                                Workloads.serviceAccount(name(), labels),
                                statefulSet,
                                headlessService,
                                service));
        SortedSet<String> topics = KafkaClusterPaths.topics(config);
        if (!topics.isEmpty()) {
            objects.add(KafkaTopicsJob.topicsJob(k, topics));
        }
        objects.addAll(KafkaExporter.objects(context, k));
        return objects;
    }

    static boolean clustered(EnvironmentConfig config) {
        return io.neotool.gitops.components.strimzi.StrimziComponent.runs(config);
    }

    /** On three nodes the Kafka needs its operator, whose CRDs must be there. */
    @Override
    public List<String> needs(EnvironmentConfig config) {
        return clustered(config)
                ? List.of(io.neotool.gitops.components.strimzi.StrimziComponent.NAME)
                : List.of();
    }

    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        if (clustered(config)) {
            return KafkaClusterPaths.workloads(config);
        }
        return KafkaBroker.workloads(config);
    }

    @Override
    public List<Edge> edges(Context context) {
        if (clustered(context.config())) {
            return KafkaClusterPaths.edges(context);
        }
        return KafkaBroker.edges(context, settings(context.config()));
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return KafkaExporter.monitoring(context);
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        KafkaSettings k = settings(config);
        if (clustered(config)) {
            // Strimzi runs its own build of this Kafka version, and its own kafka_exporter
            return Workloads.imageVersion(k.image());
        }
        return Workloads.imageVersions(k.image(), k.exporterImage());
    }

    /** An app's topics: the bootstrap servers and the topic names, created by the topics Job. */
    @Override
    public AppUse use(EnvironmentConfig config, AppConfig app) {
        if (app.uses().kafkaTopics().isEmpty()) {
            return AppUse.NONE;
        }
        return AppUse.of(
                app.name(),
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        bootstrap(),
                        "KAFKA_TOPICS",
                        String.join(",", app.uses().kafkaTopics()),
                        "KAFKA_CONSUMER_GROUP",
                        app.consumerGroup()),
                SERVICE,
                PORT);
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of(
                "kafka",
                "kafka-headless",
                "kafka-topics",
                KafkaExporter.NAME,
                KafkaCluster.BOOTSTRAP,
                "kafka-kafka-brokers",
                KafkaCluster.ENTITY_OPERATOR,
                KafkaCluster.EXPORTER);
    }
}
