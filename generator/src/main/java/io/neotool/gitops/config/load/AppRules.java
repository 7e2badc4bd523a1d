package io.neotool.gitops.config.load;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.AppConfig.Secret;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Credentials;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.SettingsKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The checks of one app: its name (unique, not an infrastructure service's), image, port and
 * probes, its host, its {@code uses} (each component it names enabled, each database its own), its
 * env (no literal secrets) and its Vault secrets.
 */
final class AppRules {
    private AppRules() {}

    static void check(
            ConfigRules rules,
            EnvironmentConfig c,
            int i,
            Map<String, Integer> names,
            Map<String, String> databases) {
        AppConfig app = c.apps().get(i);
        String at = "apps[" + i + "]";
        InfrastructureConfig infra = c.infrastructure();
        if (rules.dnsLabel(at + ".name", app.name())) {
            Integer first = names.putIfAbsent(app.name(), i);
            rules.check(
                    first == null,
                    at + ".name",
                    "two apps are named '" + app.name() + "'",
                    "the first is apps[" + first + "]; app names are unique");
            rules.check(
                    !rules.reservedNames().contains(app.name()),
                    at + ".name",
                    "'" + app.name() + "' is the name of an infrastructure service",
                    "choose another app name");
        }
        rules.image(at + ".image", app.image());
        rules.check(
                app.port() >= 1024 && app.port() <= 65535,
                at + ".port",
                "expected a port from 1024 to 65535, got " + app.port(),
                "apps run unprivileged on high ports");
        if (app.metricsPort() != null) {
            rules.check(
                    app.metricsPort() >= 1024 && app.metricsPort() <= 65535,
                    at + ".metricsPort",
                    "expected a port from 1024 to 65535, got " + app.metricsPort(),
                    null);
            rules.check(
                    !app.metricsPort().equals(app.port()),
                    at + ".metricsPort",
                    "port conflict: the metrics port "
                            + app.metricsPort()
                            + " is also the app port",
                    "serve metrics on their own port (Spring: management.server.port), or leave metricsPort out");
        }
        rules.positive(at + ".replicas", app.replicas());
        rules.resources(at + ".resources", app.resources());
        app.env()
                .forEach(
                        (name, value) -> {
                            rules.check(
                                    ConfigRules.ENV_NAME.matcher(name).matches(),
                                    at + ".env." + name,
                                    "'" + name + "' is not an environment variable name",
                                    null);
                            rules.check(
                                    !Credentials.isSecretName(name) || value.isEmpty(),
                                    at + ".env." + name,
                                    "a plaintext secret in the config",
                                    "declare it under uses.secrets with its Vault path");
                            rules.check(
                                    Credentials.isSecretName(name)
                                            || !(Credentials.hasLiteral(value)
                                                    || Credentials.highEntropyToken(value)),
                                    at + ".env." + name,
                                    "the value looks like a credential",
                                    "keep credentials in Vault and declare them under uses.secrets");
                        });
        if (app.probes() != null) {
            rules.check(
                    app.probes().liveness().startsWith("/"),
                    at + ".probes.liveness",
                    "a probe path starts with '/'",
                    null);
            rules.check(
                    app.probes().readiness().startsWith("/"),
                    at + ".probes.readiness",
                    "a probe path starts with '/'",
                    null);
            rules.positive(at + ".probes.startupSeconds", app.probes().startupSeconds());
        }
        rules.host(at + ".host", app.host(), c.cluster().domain());
        AppConfig.Uses uses = app.uses();
        if (uses.database() != null) {
            String path = at + ".uses.database";
            if (rules.sqlName(path + ".name", uses.database().name())) {
                String other = databases.putIfAbsent(uses.database().name(), path);
                rules.check(
                        other == null,
                        path + ".name",
                        "database '" + uses.database().name() + "' is taken by " + other,
                        "each app owns its database");
            }
            rules.vault(path + ".password", uses.database().password());
        }
        for (int t = 0; t < uses.kafkaTopics().size(); t++) {
            String topic = uses.kafkaTopics().get(t);
            rules.check(
                    ConfigRules.TOPIC.matcher(topic).matches(),
                    at + ".uses.kafkaTopics[" + t + "]",
                    "'" + topic + "' is not a Kafka topic name",
                    null);
        }
        if (uses.consumerGroup() != null) {
            rules.check(
                    !uses.kafkaTopics().isEmpty(),
                    at + ".uses.consumerGroup",
                    "a consumer group without topics to read",
                    "declare uses.kafkaTopics, or drop consumerGroup");
            rules.check(
                    ConfigRules.TOPIC.matcher(uses.consumerGroup()).matches(),
                    at + ".uses.consumerGroup",
                    "'" + uses.consumerGroup() + "' is not a consumer group name",
                    "letters, digits, '.', '_' and '-', as a topic name");
        }
        Map<String, Integer> secretNames = new HashMap<>();
        for (int s = 0; s < uses.secrets().size(); s++) {
            Secret secret = uses.secrets().get(s);
            String path = at + ".uses.secrets[" + s + "]";
            if (rules.dnsLabel(path + ".name", secret.name())) {
                rules.check(
                        secretNames.putIfAbsent(secret.name(), s) == null,
                        path + ".name",
                        "two secrets of the app are named '" + secret.name() + "'",
                        null);
            }
            rules.vault(path + ".from", secret.from());
            rules.check(
                    ConfigRules.ENV_NAME.matcher(secret.env()).matches(),
                    path + ".env",
                    "'" + secret.env() + "' is not an environment variable name",
                    "the app reads the file named by <env>_FILE");
        }
        // each component the app names must run: what names it is the component's own claim
        for (SettingsKey<?> key : rules.settings()) {
            for (String claim : key.claims().apply(app)) {
                rules.requires(at + "." + claim, true, key.title(), infra.enabled(key.key()));
            }
        }
    }
}
