package io.neotool.gitops.platform;

/**
 * The three Flux Kustomizations of a cluster, applied in this order, each waiting for the one
 * before. {@code infra-controllers} holds what others need running first (the namespace, Helm
 * sources, Vault and its injector webhook, the observability stack); {@code infra-configs} holds
 * the data services and the Helm releases that need them; {@code apps} the NeoTool workloads.
 */
public enum Layer {
    CONTROLLERS("infra-controllers", "infrastructure/%s/controllers"),
    CONFIGS("infra-configs", "infrastructure/%s/configs"),
    APPS("apps", "apps/%s");

    private final String kustomization;
    private final String folder;

    Layer(String kustomization, String folder) {
        this.kustomization = kustomization;
        this.folder = folder;
    }

    /** Name of the Flux Kustomization that applies this layer. */
    public String kustomization() {
        return kustomization;
    }

    /** The layer's folder for {@code cluster}, relative to the repository root. */
    public String folder(String cluster) {
        return String.format(folder, cluster);
    }
}
