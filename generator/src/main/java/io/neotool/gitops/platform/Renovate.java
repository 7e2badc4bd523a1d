package io.neotool.gitops.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every component's Renovate entries share. */
public final class Renovate {
    private Renovate() {}

    /** The files Renovate reads pins from: the environment configs. */
    public static final String CONFIGS = "^config/[^/]+\\.yaml$";

    /** A package rule: {@code description}, then the matchers and actions in the order given. */
    public static Map<String, Object> rule(String description, Object... keysAndValues) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("description", description);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            rule.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return rule;
    }

    /** The rules' usual matcher: these package names. */
    public static List<String> packages(String... names) {
        return List.of(names);
    }
}
