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
import java.util.TreeSet;

/**
 * Kafka as one KRaft node in combined mode (broker and controller), a StatefulSet with its headless
 * Service (stable name for the quorum and the advertised listener) and a client Service. Topics the
 * apps declare are created by a Job; auto-creation is off so a typo cannot create a topic.
 */
public final class KafkaComponent extends SettingsComponent<KafkaSettings> {
    public static final String SERVICE = "kafka";
    public static final int PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    static final String TOPICS_JOB = "kafka-topics";

    /** UID and GID of {@code appuser} in the apache/kafka image. */
    static final long UID = 1000;

    static final String DATA = "/var/lib/kafka/data";

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
        return SERVICE + ":" + PORT;
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        KafkaSettings k = settings(config);
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
                        .withContainerPort(CONTROLLER_PORT)
                        .withProtocol("TCP")
                        .endPort()
                        .withResources(Workloads.resources(k.resources()))
                        .withStartupProbe(Workloads.tcpProbe(PORT, 10, 5))
                        .withReadinessProbe(Workloads.tcpProbe(PORT, 0, 10))
                        .withLivenessProbe(Workloads.tcpProbe(PORT, 0, 20))
                        .withSecurityContext(
                                PodSecurity.containerSecurity(
                                        UID, UID, PodSecurity.readOnlyRoot(k.exemptions())))
                        .addNewVolumeMount()
                        .withName("data")
                        .withMountPath(DATA)
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
                        .withSecurityContext(PodSecurity.pod(UID))
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
                        .withPort(CONTROLLER_PORT)
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
        SortedSet<String> topics = new TreeSet<>();
        for (AppConfig app : config.apps()) {
            topics.addAll(app.uses().kafkaTopics());
        }
        if (!topics.isEmpty()) {
            objects.add(KafkaTopicsJob.topicsJob(k, topics));
        }
        objects.addAll(KafkaExporter.objects(context, k));
        return objects;
    }

    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        Map<String, Map<String, String>> workloads = new java.util.TreeMap<>();
        workloads.put(SERVICE, Context.selector(SERVICE));
        workloads.put(TOPICS_JOB, Context.selector(TOPICS_JOB));
        if (config.infrastructure()
                .enabled(io.neotool.gitops.components.prometheus.PrometheusSettings.class)) {
            workloads.put(KafkaExporter.NAME, Context.selector(KafkaExporter.NAME));
        }
        return workloads;
    }

    /**
     * The broker talks to itself (KRaft controller and broker in one); the topics Job to the
     * broker.
     */
    @Override
    public List<Edge> edges(Context context) {
        List<Edge> edges =
                new ArrayList<>(
                        List.of(
                                new Edge(SERVICE, SERVICE, PORT),
                                new Edge(SERVICE, SERVICE, CONTROLLER_PORT),
                                new Edge(TOPICS_JOB, SERVICE, PORT)));
        edges.addAll(KafkaExporter.edges(context, settings(context.config())));
        return edges;
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return KafkaExporter.monitoring(context);
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        KafkaSettings k = settings(config);
        return Workloads.imageVersions(k.image(), k.exporterImage());
    }

    /** An app's topics: the bootstrap servers and the topic names, created by the topics Job. */
    @Override
    public AppUse use(AppConfig app) {
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
        return java.util.Set.of("kafka", "kafka-headless", "kafka-topics", KafkaExporter.NAME);
    }
}
