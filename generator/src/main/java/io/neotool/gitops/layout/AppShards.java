package io.neotool.gitops.layout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which Flux Kustomization applies an app. {@code kustomize build} grows with the square of the
 * objects in one path (1,000 apps in one path: about a minute, every sync), so the apps are spread
 * over at most {@value #SHARDS} Kustomizations {@code apps-00} to {@code apps-3f}, each applying
 * the apps whose name hashes to it (SHA-256, first byte, modulo {@value #SHARDS}). The assignment
 * depends on the name alone and never changes: adding or removing an app touches one shard, and no
 * app ever moves between Kustomizations (a move would have Flux prune it and create it again). A
 * shard exists while it has an app; when its last app goes, Flux deletes the shard and with it that
 * app's objects.
 *
 * <p>The single Kustomization {@code apps} of earlier trees stays, with {@code prune: false} and a
 * path that builds nothing: a cluster upgraded from that layout keeps its apps while the shards
 * take them over (Flux garbage-collects only objects that still carry the owner labels of the
 * Kustomization being pruned or deleted, and the shards relabel every app object when they apply
 * it).
 */
public final class AppShards {
    /** How many shards there can be; changing it would move apps, so it is fixed. */
    public static final int SHARDS = 64;

    /** The Flux Kustomization of the earlier single-path layout, now retired. */
    public static final String RETIRED = "apps";

    private AppShards() {}

    /** The Kustomization that applies {@code app}: {@code apps-} and two hex digits. */
    public static String of(String app) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(app.getBytes(StandardCharsets.UTF_8));
            return RETIRED + "-" + HexFormat.of().toHexDigits((byte) ((hash[0] & 0xff) % SHARDS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The retired Kustomization's folder: a kustomization with no resources. */
    public static String retiredFolder(String appsFolder) {
        return appsFolder + "/_retired";
    }

    /** A shard's folder below the cluster's apps folder (no app name has an underscore). */
    public static String folder(String appsFolder, String shard) {
        return appsFolder + "/_shards/" + shard;
    }
}
