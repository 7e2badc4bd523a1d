package io.neotool.gitops.components.certmanager;

import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Scrape;
import java.util.List;
import java.util.Map;

/**
 * The certificates cert-manager keeps: the chart annotates its controller for scraping (port 9402)
 * when no Prometheus Operator monitor is asked for; a certificate close to expiry or not Ready
 * means renewal failed (cert-manager renews 30 days before).
 */
final class CertificateMetrics {
    private CertificateMetrics() {}

    static Monitoring of(Context context) {
        long seconds =
                context.config()
                                .infrastructure()
                                .require(CertManagerSettings.class)
                                .expiryAlertDays()
                        * 86400L;
        String ns = context.namespace();
        String expiry =
                "certmanager_certificate_expiration_timestamp_seconds{name=\"grafana-tls\", namespace=\""
                        + ns
                        + "\"}";
        String ready =
                "certmanager_certificate_ready_status{name=\"grafana-tls\", namespace=\""
                        + ns
                        + "\", condition=\"%s\"}";
        Map<String, String> labels = Map.of("name", "grafana-tls", "namespace", ns);
        List<Alert> alerts =
                List.of(
                        new Alert(
                                "certificates",
                                "CertificateExpiringSoon",
                                "certmanager_certificate_expiration_timestamp_seconds - time() < "
                                        + seconds,
                                "1h",
                                Alert.Severity.WARNING,
                                "Certificate {{ $labels.namespace }}/{{ $labels.name }} expires within "
                                        + seconds / 86400L
                                        + " days",
                                "cert-manager has not renewed it: kubectl describe certificate {{ $labels.name }} names the failing ACME challenge.",
                                Alert.Case.of("90m", labels, expiry, "86400x100"),
                                Alert.Case.of("90m", Map.of(), expiry, "9999999999x100")),
                        new Alert(
                                "certificates",
                                "CertificateNotReady",
                                "certmanager_certificate_ready_status{condition=\"False\"} == 1",
                                "30m",
                                Alert.Severity.WARNING,
                                "Certificate {{ $labels.namespace }}/{{ $labels.name }} is not Ready",
                                "cert-manager could not issue or renew it for 30 minutes; the host may be served with Traefik's default certificate.",
                                Alert.Case.of(
                                        "40m",
                                        Map.of(
                                                "name",
                                                "grafana-tls",
                                                "namespace",
                                                ns,
                                                "condition",
                                                "False"),
                                        String.format(ready, "False"),
                                        "1x50"),
                                Alert.Case.of(
                                        "40m", Map.of(), String.format(ready, "False"), "0x50")));
        Dashboard dashboard =
                Scrape.dashboard(
                        context,
                        CertManagerComponent.NAME,
                        "Certificates",
                        List.of(
                                Dashboard.Panel.series(
                                        "Days until expiry",
                                        "d",
                                        "(certmanager_certificate_expiration_timestamp_seconds - time()) / 86400"),
                                Dashboard.Panel.series(
                                        "Certificates not Ready",
                                        "short",
                                        "sum(certmanager_certificate_ready_status{condition!=\"True\"})")));
        return new Monitoring(
                List.of("cert-manager (:9402/metrics, the chart's own annotations)"),
                alerts,
                List.of(dashboard));
    }
}
