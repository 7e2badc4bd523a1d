package io.neotool.gitops.diff;

import org.jspecify.annotations.Nullable;

/**
 * A change that hurts: the object, the reason and, where there is one, what the operator must do.
 *
 * @param action null where nothing is to be done but to read it (a security change may be intended)
 */
public record Danger(
        Kind kind, String cluster, String object, String reason, @Nullable String action) {
    public enum Kind {
        DATA_LOSS("data loss"),
        REJECTED("rejected by the API server"),
        MESSAGES("messages stranded"),
        OUTAGE("service stops"),
        SECURITY("security loosened"),
        MANUAL("a step by hand after merging");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
