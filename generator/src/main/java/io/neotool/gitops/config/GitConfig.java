package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The Git repository that {@code flux bootstrap} points the GitRepository {@code flux-system} at.
 */
public record GitConfig(
        @JsonPropertyDescription(
                        "URL Flux clones this repository from (ssh://git@… with a deploy key, or https://…).")
                @JsonProperty(required = true)
                String url,
        @JsonPropertyDescription("Branch Flux follows. Leave it out for main.") String branch) {
    public GitConfig {
        branch = branch == null ? "main" : branch;
    }

    private static final java.util.regex.Pattern HOSTED =
            java.util.regex.Pattern.compile(
                    "^(?:ssh://)?(?:[^@/]+@)?([^/:]+)(?::\\d+)?[:/](.+?)(?:\\.git)?/?$");

    /**
     * Where a person reads a file of this repository in a browser: {@code
     * https://<host>/<owner>/<repo>/blob/<branch>/<path>} (GitHub's and Gitea's form), from an ssh
     * or https clone URL.
     */
    public String webUrl(String path) {
        String bare = url.replaceFirst("^https?://", "");
        java.util.regex.Matcher m = HOSTED.matcher(bare);
        if (!m.matches()) {
            return path;
        }
        return "https://" + m.group(1) + "/" + m.group(2) + "/blob/" + branch + "/" + path;
    }
}
