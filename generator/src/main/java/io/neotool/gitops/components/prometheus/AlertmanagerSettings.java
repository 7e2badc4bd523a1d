package io.neotool.gitops.components.prometheus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.VaultRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Alertmanager ({@code infrastructure.prometheus.alertmanager}): who gets the alerts. Every
 * receiver gets every alert of its severities; URLs and passwords are Vault references, rendered
 * into files the Alertmanager reads ({@code url_file}, {@code api_url_file}, {@code
 * auth_password_file}).
 */
public record AlertmanagerSettings(
        @JsonPropertyDescription("The Alertmanager image, repository:tag pinned.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription("CPU and memory of the Alertmanager container.")
                @JsonProperty(required = true)
                Resources resources,
        @JsonPropertyDescription(
                        "Where alerts go; each receiver gets the alerts of its severities.")
                @JsonProperty(required = true)
                List<Receiver> receivers) {

    public AlertmanagerSettings {
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    /**
     * One person or channel: exactly one of {@code webhook}, {@code slack}, {@code email}.
     *
     * @param severities the severities it gets ({@code critical}, {@code warning}); all when absent
     */
    public record Receiver(
            @JsonPropertyDescription(
                            "The receiver's name (a DNS label), used in the Alertmanager routes and the Vault file names.")
                    @JsonProperty(required = true)
                    String name,
            @JsonPropertyDescription(
                            "Severities sent to this receiver. Default critical and warning.")
                    List<String> severities,
            @JsonPropertyDescription("Send to a generic webhook (the URL from Vault).")
                    @Nullable Webhook webhook,
            @JsonPropertyDescription(
                            "Send to a Slack channel (the incoming-webhook URL from Vault).")
                    @Nullable Slack slack,
            @JsonPropertyDescription("Send e-mail through an SMTP server.") @Nullable Email email) {
        public Receiver {
            severities =
                    severities == null ? List.of("critical", "warning") : List.copyOf(severities);
        }

        /** The Vault references it reads, by the file name the agent renders them to. */
        public Map<String, VaultRef> secrets() {
            Map<String, VaultRef> files = new java.util.TreeMap<>();
            if (webhook != null) {
                files.put("receiver-" + name + "-url", webhook.url());
            }
            if (slack != null) {
                files.put("receiver-" + name + "-url", slack.url());
            }
            if (email != null && email.password() != null) {
                files.put("receiver-" + name + "-password", email.password());
            }
            return files;
        }
    }

    public record Webhook(
            @JsonPropertyDescription("Vault reference of the webhook URL (it often holds a token).")
                    @JsonProperty(required = true)
                    VaultRef url) {}

    public record Slack(
            @JsonPropertyDescription("The channel, e.g. #neotool-alerts.")
                    @JsonProperty(required = true)
                    String channel,
            @JsonPropertyDescription("Vault reference of the Slack incoming-webhook URL.")
                    @JsonProperty(required = true)
                    VaultRef url) {}

    /** E-mail through an SMTP relay ({@code host:port}, STARTTLS). */
    public record Email(
            @JsonPropertyDescription("Recipient address.") @JsonProperty(required = true) String to,
            @JsonPropertyDescription("Sender address.") @JsonProperty(required = true) String from,
            @JsonPropertyDescription("SMTP server as host:port (TLS required).")
                    @JsonProperty(required = true)
                    String smarthost,
            @JsonPropertyDescription("SMTP user name, when the server asks for one.")
                    @Nullable String username,
            @JsonPropertyDescription("Vault reference of the SMTP password.")
                    @Nullable VaultRef password) {}

    void validate(ConfigRules rules, String path) {
        rules.image(path + ".image", image);
        rules.resources(path + ".resources", resources);
        rules.check(
                !receivers.isEmpty(),
                path + ".receivers",
                "an Alertmanager needs at least one receiver",
                "add a webhook, slack or email receiver, or remove alertmanager");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < receivers.size(); i++) {
            Receiver r = receivers.get(i);
            String at = path + ".receivers[" + i + "]";
            rules.dnsLabel(at + ".name", r.name());
            rules.check(
                    !names.contains(r.name()),
                    at + ".name",
                    "'" + r.name() + "' is named twice",
                    null);
            names.add(r.name());
            int kinds =
                    (r.webhook() == null ? 0 : 1)
                            + (r.slack() == null ? 0 : 1)
                            + (r.email() == null ? 0 : 1);
            rules.check(kinds == 1, at, "a receiver is exactly one of webhook, slack, email", null);
            for (String severity : r.severities()) {
                rules.check(
                        severity.equals("critical") || severity.equals("warning"),
                        at + ".severities",
                        "'" + severity + "' is not a severity",
                        "critical or warning");
            }
            if (r.webhook() != null) {
                rules.vault(at + ".webhook.url", r.webhook().url());
            }
            if (r.slack() != null) {
                rules.vault(at + ".slack.url", r.slack().url());
            }
            Email email = r.email();
            if (email != null) {
                rules.check(
                        email.smarthost().matches("^[A-Za-z0-9.-]+:\\d+$"),
                        at + ".email.smarthost",
                        "'" + email.smarthost() + "' is not host:port",
                        "for example smtp.example.com:587");
                rules.check(
                        (email.username() == null) == (email.password() == null),
                        at + ".email",
                        "username and password go together",
                        null);
                if (email.password() != null) {
                    rules.vault(at + ".email.password", email.password());
                }
            }
        }
    }
}
