package io.neotool.gitops.layout;

import io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent;
import io.neotool.gitops.components.strimzi.StrimziComponent;
import io.neotool.gitops.components.unleash.UnleashSettings;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.TopologyMove;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runbook's part of a cluster on three nodes: the moves of data from one node, in the words of
 * the review ({@link TopologyMove}), and CloudNativePG's point-in-time recovery.
 */
final class RunbookMoves {
    private RunbookMoves() {}

    /** Each move with its title and steps; none on one node. */
    static List<Map<String, Object>> moves(EnvironmentConfig config) {
        List<Map<String, Object>> moves = new ArrayList<>();
        String ns = config.namespace();
        if (CloudNativePgComponent.runs(config)) {
            List<String> writers = new ArrayList<>();
            for (AppConfig app : config.apps()) {
                if (app.uses().database() != null) {
                    writers.add(app.name());
                }
            }
            if (config.infrastructure().enabled(UnleashSettings.class)) {
                writers.add("unleash");
            }
            writers.sort(null);
            moves.add(
                    move(
                            "PostgreSQL into the CloudNativePG Cluster",
                            TopologyMove.postgres(ns, writers, config.backedUp())));
        }
        if (StrimziComponent.runs(config)) {
            List<String> clients = new ArrayList<>();
            for (AppConfig app : config.apps()) {
                if (!app.uses().kafkaTopics().isEmpty()) {
                    clients.add(app.name());
                }
            }
            clients.sort(null);
            moves.add(move("Kafka onto the Strimzi nodes", TopologyMove.kafka(ns, clients)));
        }
        return moves;
    }

    private static Map<String, Object> move(String title, List<String> steps) {
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("title", title);
        move.put("steps", steps);
        return move;
    }
}
