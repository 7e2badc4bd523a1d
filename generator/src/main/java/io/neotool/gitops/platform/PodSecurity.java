package io.neotool.gitops.platform;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Pod Security "restricted" for our pods and, through their values, the charts': non-root, no
 * privilege escalation, no capabilities, RuntimeDefault seccomp, read-only root unless the config
 * exempts the image (with the Checkov skips that say why).
 */
public final class PodSecurity {
    private PodSecurity() {}

    /**
     * The Pod Security Standard "restricted" for a container: a fixed non-root UID, no privilege
     * escalation, no capabilities, the runtime's seccomp profile, and a read-only root filesystem
     * unless the component's config declares that its image cannot run with one.
     */
    public static SecurityContext containerSecurity(long uid, long gid, boolean readOnlyRoot) {
        Capabilities dropAll = new CapabilitiesBuilder().withDrop("ALL").build();
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(uid)
                .withRunAsGroup(gid)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(readOnlyRoot)
                .withCapabilities(dropAll)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    /**
     * The Pod Security Standard "restricted" for a pod: non-root, the runtime's seccomp profile,
     * and the group its volumes are given to, or none.
     */
    public static io.fabric8.kubernetes.api.model.PodSecurityContext pod(
            @org.jspecify.annotations.Nullable Long fsGroup) {
        return new io.fabric8.kubernetes.api.model.PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withFsGroup(fsGroup)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    /** Whether the settings leave the root filesystem read-only (no declared exemption). */
    public static boolean readOnlyRoot(
            java.util.List<io.neotool.gitops.config.SecurityExemption> exemptions) {
        return !io.neotool.gitops.config.InfrastructureConfig.exempt(
                exemptions,
                io.neotool.gitops.config.SecurityExemption.Control.READ_ONLY_ROOT_FILESYSTEM);
    }

    /**
     * Checkov's skip annotations for the exemptions a config declares, with the config's reasons.
     */
    public static @Nullable Map<String, String> checkovSkips(
            java.util.List<io.neotool.gitops.config.SecurityExemption> exemptions) {
        Map<String, String> annotations = new TreeMap<>();
        int i = 1;
        for (var exemption : exemptions) {
            String check =
                    switch (exemption.control()) {
                        case READ_ONLY_ROOT_FILESYSTEM -> "CKV_K8S_22";
                    };
            annotations.put("checkov.io/skip" + i++, check + "=" + exemption.reason());
        }
        return annotations.isEmpty() ? null : annotations;
    }

    /**
     * Pod-level security context values for a chart: non-root with the image's fixed ids and the
     * runtime's seccomp profile. The seccomp profile is set on the pod, not only on the chart's
     * containers, so that containers a webhook adds (the Vault agent) inherit it and the pod still
     * meets the namespace's "restricted" level.
     */
    public static Map<String, Object> restrictedPodValues(long uid, long gid) {
        Map<String, Object> values = nonRoot(uid, gid);
        values.put("fsGroup", gid);
        return values;
    }

    /**
     * Container security context values for a chart: Pod Security "restricted" (see {@link
     * #containerSecurity}).
     */
    public static Map<String, Object> restrictedContainerValues(long uid, long gid) {
        Map<String, Object> values = nonRoot(uid, gid);
        values.put("allowPrivilegeEscalation", false);
        values.put("capabilities", Map.of("drop", List.of("ALL")));
        return values;
    }

    /**
     * What the pod and its containers share: fixed non-root ids and the runtime's seccomp profile.
     */
    static Map<String, Object> nonRoot(long uid, long gid) {
        Map<String, Object> values = new TreeMap<>();
        values.put("runAsNonRoot", true);
        values.put("runAsUser", uid);
        values.put("runAsGroup", gid);
        values.put("seccompProfile", Map.of("type", "RuntimeDefault"));
        return values;
    }
}
