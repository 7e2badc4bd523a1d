package io.neotool.gitops.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A container image reference split into repository and tag, e.g. {@code postgres} and {@code
 * 18rc1}.
 */
public record ImageRef(String repository, String tag) {
    private static final Pattern REF =
            Pattern.compile(
                    "^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?$");

    /** Parses {@code ref}; null when it is not a well-formed reference. */
    public static @Nullable ImageRef parse(String ref) {
        Matcher m = REF.matcher(ref);
        if (!m.matches()) {
            return null;
        }
        return new ImageRef(m.group(1), m.group(2));
    }

    /** Parses a reference already validated by the loader. */
    public static ImageRef of(String ref) {
        ImageRef image = parse(ref);
        if (image == null || image.tag == null) {
            throw new IllegalArgumentException("not a pinned image reference: " + ref);
        }
        return image;
    }

    public boolean pinned() {
        return tag != null && !tag.equals("latest") && !tag.equals("stable") && !tag.equals("main");
    }

    @Override
    public String toString() {
        return tag == null ? repository : repository + ":" + tag;
    }
}
