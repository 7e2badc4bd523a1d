package io.neotool.gitops.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.flux.FluxResource;
import io.neotool.gitops.flux.HelmRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A component deployed from a Helm chart by a Flux HelmRelease: pinned chart version, image tag set
 * to the pinned version, CRDs created and replaced, retries on failed installs and rollback on
 * failed upgrades, drift detection on.
 */
public abstract class HelmComponent<S extends ComponentSettings.Chart>
        extends SettingsComponent<S> {
    /** How long Helm may take to install or upgrade before the release counts as failed. */
    static final String HELM_TIMEOUT = "10m";

    static final int RETRIES = 3;

    private final ChartSource source;
    private final String chart;

    /**
     * @param name the release and folder name
     * @param key its section under {@code infrastructure}
     * @param source the chart repository
     * @param chart the chart's name inside it
     */
    protected HelmComponent(
            String name, Layer layer, String key, Class<S> type, ChartSource source, String chart) {
        super(name, layer, key, type);
        this.source = source;
        this.chart = chart;
    }

    public final ChartSource source() {
        return source;
    }

    /** Chart name inside its repository. */
    public final String chart() {
        return chart;
    }

    public String chartVersion(EnvironmentConfig config) {
        return settings(config).chartVersion();
    }

    /** The image the chart runs, as pinned in the config. */
    public String image(EnvironmentConfig config) {
        return settings(config).image();
    }

    protected abstract Map<String, Object> values(Context context);

    /**
     * True for releases whose pods get their secrets from the Vault agent injector. They wait for
     * the Vault release ({@code dependsOn}), which is ready only once the injector serves: a pod
     * created before that would start without its agent (the webhook ignores failures) and never
     * get it.
     */
    protected boolean vaultInjected() {
        return false;
    }

    /** The namespace the chart's objects go to, when not the release's own (node agents). */
    protected @Nullable String targetNamespace(Context context) {
        return null;
    }

    /** The releases this one waits for. */
    protected @Nullable List<FluxResource.DependsOn> dependsOn(Context context) {
        if (vaultInjected() && context.vault()) {
            return List.of(new FluxResource.DependsOn(VaultInjection.VAULT, null));
        }
        return null;
    }

    /** Objects that go beside the HelmRelease (for example a ConfigMap it mounts). */
    protected List<HasMetadata> extraObjects(Context context) {
        return List.of();
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        HelmRelease.SpecBuilder spec =
                HelmRelease.Spec.builder()
                        .interval(context.config().flux().interval())
                        .timeout(HELM_TIMEOUT)
                        .releaseName(name())
                        .targetNamespace(targetNamespace(context))
                        .install(
                                new HelmRelease.Install(
                                        "CreateReplace",
                                        new HelmRelease.Remediation(RETRIES, null)))
                        .upgrade(
                                new HelmRelease.Upgrade(
                                        "CreateReplace",
                                        true,
                                        new HelmRelease.Remediation(RETRIES, true)))
                        .driftDetection("enabled")
                        .dependsOn(dependsOn(context))
                        .values(values(context));
        if (source().oci()) {
            spec.chartRef(source().sourceName());
        } else {
            spec.chart(
                    chart(),
                    chartVersion(context.config()),
                    source().sourceName(),
                    ChartSource.INTERVAL);
        }
        HelmRelease release = new HelmRelease(name(), context.namespace(), spec.build());
        List<HasMetadata> objects = new ArrayList<>(extraObjects(context));
        objects.add(release);
        return objects;
    }

    /** The release's pods, by the instance label the charts give them. */
    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        return Map.of(name(), Map.of("app.kubernetes.io/instance", name()));
    }

    /** The chart pin, {@code chartVersion} under this component's key, looked up at its source. */
    @Override
    public List<Map<String, Object>> renovateManagers() {
        String key = settingsKey().key();
        String url = source().url();
        Map<String, Object> manager = new java.util.LinkedHashMap<>();
        manager.put("customType", "regex");
        manager.put("description", "The pinned chart of infrastructure." + key);
        manager.put("fileMatch", List.of(Renovate.CONFIGS));
        manager.put(
                "matchStrings",
                List.of(
                        "\\n  "
                                + key
                                + ":\\n(?:    .*\\n)*?    chartVersion: (?<currentValue>\\S+)"));
        manager.put("datasourceTemplate", "helm");
        manager.put("depNameTemplate", chart());
        // an OCI chart's registry is its repository without the chart's own name
        manager.put(
                "registryUrlTemplate",
                source().oci() ? url.substring(0, url.lastIndexOf('/')) : url);
        return List.of(manager);
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        ImageRef image = ImageRef.of(image(config));
        Map<String, String> versions = new java.util.TreeMap<>();
        versions.put("image " + image.repository(), image.tag());
        versions.put("chart " + chart(), chartVersion(config));
        return versions;
    }
}
