package io.neotool.gitops.output;

import java.util.List;

/** Files the generator owns were changed by hand since it wrote them; nothing was written. */
public final class HandEditedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> files;

    public HandEditedException(List<String> files) {
        super(
                files.size()
                        + " generated file(s) were edited by hand, so nothing was written:\n  "
                        + String.join("\n  ", files)
                        + "\nMove the change into the config (the generated files are rewritten from it), or run with"
                        + " -Dneotool.force=true to overwrite the hand edits.");
        this.files = List.copyOf(files);
    }

    public List<String> files() {
        return files;
    }
}
