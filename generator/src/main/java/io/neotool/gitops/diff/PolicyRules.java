package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** NetworkPolicy rules in a reviewer's words, for the dangers of a diff. */
final class PolicyRules {
    static final tools.jackson.databind.json.JsonMapper READER =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** A change inside one rule: {@code /spec/ingress/2/from/0/...}. */
    private static final Pattern IN_RULE = Pattern.compile("^/spec/(ingress|egress)/(\\d+)/.+");

    private PolicyRules() {}

    /**
     * A changed or added part of a policy's rules: the whole rule it belongs to, as it is after the
     * change ({@code billing-service joins from app-service, billing-service on 5432/TCP}), or the
     * added rule itself.
     */
    static String describe(Change change, JsonNode after) {
        String field = change.field().replace(" (added)", "");
        Matcher m = IN_RULE.matcher(field);
        if (m.matches()) {
            JsonNode rule = after.at("/spec/" + m.group(1) + "/" + m.group(2));
            if (!rule.isMissingNode()) {
                return change.after() + " joins " + rule(rule.toString());
            }
        }
        String value = change.after();
        return change.field() + " " + (value == null ? "(removed)" : rule(value));
    }

    /**
     * A NetworkPolicy rule (or part of one) in a reviewer's words: {@code from billing-service on
     * 5432/TCP}; the raw value where it is not a whole rule.
     */
    static String rule(String json) {
        JsonNode rule;
        try {
            rule = READER.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            return json;
        }
        if (!rule.isObject() || !(rule.has("from") || rule.has("to"))) {
            return json;
        }
        List<String> peers = new ArrayList<>();
        for (JsonNode peer : rule.has("from") ? rule.path("from") : rule.path("to")) {
            String who =
                    peer.at("/podSelector/matchLabels")
                            .path("app.kubernetes.io/instance")
                            .asString(peer.at("/podSelector/matchLabels").toString());
            if (peer.at("/podSelector/matchExpressions").size() > 0) {
                List<String> names = new ArrayList<>();
                peer.at("/podSelector/matchExpressions/0/values")
                        .forEach(v -> names.add(v.asString()));
                who = String.join(", ", names);
            }
            if (peer.has("ipBlock")) {
                who =
                        peer.at("/ipBlock/cidr").asString()
                                + (peer.at("/ipBlock/except").isMissingNode()
                                        ? ""
                                        : " except private ranges");
            }
            if (peer.has("namespaceSelector")) {
                who =
                        who
                                + " in namespace "
                                + peer.at("/namespaceSelector/matchLabels")
                                        .path("kubernetes.io/metadata.name")
                                        .asString("any");
            }
            peers.add(who);
        }
        List<String> ports = new ArrayList<>();
        rule.path("ports")
                .forEach(
                        p ->
                                ports.add(
                                        p.path("port").asString()
                                                + "/"
                                                + p.path("protocol").asString("TCP")));
        return (rule.has("from") ? "from " : "to ")
                + String.join(", ", peers)
                + " on "
                + (ports.isEmpty() ? "any port" : String.join(", ", ports));
    }
}
