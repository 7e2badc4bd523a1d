package io.neotool.gitops.components.vault;

import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Scrape;
import java.util.List;
import java.util.Map;

/** Vault's telemetry, readable without a token on the listener: sealed is critical. */
final class VaultMonitoring {
    private static final String NAME = VaultComponent.NAME;

    private VaultMonitoring() {}

    static io.neotool.gitops.monitoring.Monitoring of(Context context) {
        String series = "vault_core_unsealed{app_kubernetes_io_instance=\"vault\"}";
        return new io.neotool.gitops.monitoring.Monitoring(
                List.of("vault (:8200/v1/sys/metrics, unauthenticated on the listener)"),
                List.of(
                        new io.neotool.gitops.monitoring.Alert(
                                "vault",
                                "VaultSealed",
                                "vault_core_unsealed == 0",
                                "1m",
                                io.neotool.gitops.monitoring.Alert.Severity.CRITICAL,
                                "Vault is sealed",
                                "Vault restarted and waits to be unsealed: no pod can read its secrets until an operator runs vault operator unseal (runbook: Vault sealed).",
                                io.neotool.gitops.monitoring.Alert.Case.of(
                                        "5m",
                                        Map.of("app_kubernetes_io_instance", "vault"),
                                        series,
                                        "0x10"),
                                io.neotool.gitops.monitoring.Alert.Case.of(
                                        "5m", Map.of(), series, "1x10"))),
                List.of(
                        Scrape.dashboard(
                                context,
                                NAME,
                                "Vault",
                                List.of(
                                        io.neotool.gitops.monitoring.Dashboard.Panel.stat(
                                                "Unsealed", "short", "min(vault_core_unsealed)"),
                                        io.neotool.gitops.monitoring.Dashboard.Panel.series(
                                                "Requests per second",
                                                "reqps",
                                                "sum(rate(vault_core_handle_request_count[5m]))")))));
    }
}
