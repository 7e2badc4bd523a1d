package io.neotool.gitops.platform;

/**
 * Where a component's folder sits: {@code infrastructure/<cluster>/controllers/} for what others
 * need running first (the namespace, Helm sources, Vault and its injector webhook, the
 * observability stack), {@code infrastructure/<cluster>/configs/} for the data services and the
 * releases that use them and for the objects of the kinds a chart installs, {@code apps/<cluster>/}
 * for the apps. Each folder is applied by a Flux Kustomization of its own, which waits for what it
 * uses; the layer orders nothing.
 */
public enum Layer {
    CONTROLLERS("infrastructure/%s/controllers"),
    CONFIGS("infrastructure/%s/configs"),
    APPS("apps/%s");

    private final String folder;

    Layer(String folder) {
        this.folder = folder;
    }

    /** The layer's folder for {@code cluster}, relative to the repository root. */
    public String folder(String cluster) {
        return String.format(folder, cluster);
    }
}
