package io.neotool.gitops.components.prometheus;

import io.neotool.gitops.components.prometheus.AlertmanagerSettings.Receiver;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus chart's {@code alertmanager} subchart (chart 1.13.1, Alertmanager v0.27): one
 * replica, its configuration derived from the receivers of the config. Their URLs and passwords
 * never enter the configuration: the Vault agent renders each into a file under {@code
 * /vault/secrets/} that the configuration names ({@code url_file}, {@code api_url_file}, {@code
 * auth_password_file}, all read by v0.27).
 */
final class AlertmanagerValues {
    static final String NAME = "alertmanager";
    static final int PORT = 9093;

    private AlertmanagerValues() {}

    static Map<String, Object> values(AlertmanagerSettings am) {
        ImageRef image = ImageRef.of(am.image());
        Map<String, VaultRef> secrets = new TreeMap<>();
        am.receivers().forEach(r -> secrets.putAll(r.secrets()));
        Map<String, Object> values = new TreeMap<>();
        values.put("enabled", true);
        values.put("fullnameOverride", NAME);
        values.put("image", Map.of("repository", image.repository(), "tag", image.tag()));
        values.put("resources", Workloads.resourceValues(am.resources()));
        values.put("config", config(am));
        values.put("persistence", Map.of("enabled", false));
        values.put("automountServiceAccountToken", false);
        values.put("serviceAccount", Map.of("create", true, "name", NAME));
        values.put("podAnnotations", VaultInjection.vaultAnnotations(NAME, secrets, false));
        values.put("extraVolumes", List.of(VaultInjection.vaultTokenVolumeValue()));
        values.put(
                "podSecurityContext",
                PodSecurity.restrictedPodValues(PrometheusComponent.UID, PrometheusComponent.UID));
        values.put(
                "securityContext",
                PodSecurity.restrictedContainerValues(
                        PrometheusComponent.UID, PrometheusComponent.UID));
        // no reloader sidecar: the chart then restarts the pod when its configuration changes
        // (checksum/config)
        values.put("configmapReload", Map.of("enabled", false));
        return values;
    }

    /** alertmanager.yml: each receiver gets every alert of its severities, grouped per alert. */
    static Map<String, Object> config(AlertmanagerSettings am) {
        List<Object> receivers = new ArrayList<>();
        receivers.add(Map.of("name", "nobody"));
        List<Object> routes = new ArrayList<>();
        for (Receiver r : am.receivers()) {
            receivers.add(receiver(r));
            routes.add(
                    Map.of(
                            "receiver", r.name(),
                            "matchers",
                                    List.of(
                                            "severity=~\""
                                                    + String.join("|", r.severities())
                                                    + "\""),
                            "continue", true));
        }
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", "nobody");
        route.put("group_by", List.of("alertname", "namespace"));
        route.put("group_wait", "30s");
        route.put("group_interval", "5m");
        route.put("repeat_interval", "4h");
        route.put("routes", routes);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("route", route);
        config.put("receivers", receivers);
        config.put(
                "inhibit_rules",
                List.of(
                        Map.of(
                                "source_matchers", List.of("severity=\"critical\""),
                                "target_matchers", List.of("severity=\"warning\""),
                                "equal", List.of("alertname", "namespace"))));
        return config;
    }

    private static Map<String, Object> receiver(Receiver r) {
        String dir = Workloads.VAULT_SECRETS_DIR + "receiver-" + r.name();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", r.name());
        if (r.webhook() != null) {
            out.put(
                    "webhook_configs",
                    List.of(Map.of("url_file", dir + "-url", "send_resolved", true)));
        }
        AlertmanagerSettings.Slack slack = r.slack();
        if (slack != null) {
            out.put(
                    "slack_configs",
                    List.of(
                            Map.of(
                                    "api_url_file",
                                    dir + "-url",
                                    "channel",
                                    slack.channel(),
                                    "send_resolved",
                                    true,
                                    "title",
                                    "{{ .CommonLabels.alertname }} ({{ .Status }})",
                                    "text",
                                    "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}")));
        }
        AlertmanagerSettings.Email email = r.email();
        if (email != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("to", email.to());
            e.put("from", email.from());
            e.put("smarthost", email.smarthost());
            e.put("require_tls", true);
            e.put("send_resolved", true);
            if (email.username() != null) {
                e.put("auth_username", email.username());
                e.put("auth_password_file", dir + "-password");
            }
            out.put("email_configs", List.of(e));
        }
        return out;
    }

    /** Vault and the receivers' endpoints: HTTPS for webhooks and Slack, the SMTP relay's port. */
    static List<Edge> edges(AlertmanagerSettings am) {
        List<Edge> edges = new ArrayList<>();
        edges.add(new Edge("prometheus", NAME, PORT));
        edges.add(new Edge(NAME, "vault", VaultInjection.VAULT_PORT));
        for (Receiver r : am.receivers()) {
            AlertmanagerSettings.Email email = r.email();
            int port =
                    email == null
                            ? 443
                            : Integer.parseInt(
                                    email.smarthost()
                                            .substring(email.smarthost().lastIndexOf(':') + 1));
            edges.add(new Edge(NAME, Edge.INTERNET, port));
        }
        return edges;
    }
}
