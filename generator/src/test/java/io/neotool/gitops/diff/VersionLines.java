package io.neotool.gitops.diff;

/** How the tests write a version change: {@code cluster component subject before -> after}. */
final class VersionLines {
    private VersionLines() {}

    static String of(VersionChange v) {
        return v.cluster()
                + " "
                + v.component()
                + " "
                + v.subject()
                + " "
                + v.before()
                + " -> "
                + v.after();
    }
}
