package io.neotool.gitops.validate;

/**
 * Which object a problem is about, as a reviewer names it: {@code Deployment production/pgbouncer}
 * ({@code ClusterIssuer letsencrypt} for a cluster-scoped one). {@link #NONE} when the problem is
 * about the file.
 */
public record ObjectRef(String kind, String namespace, String name) {
    /** No object: a problem of the file itself (it does not parse, a kustomization is wrong). */
    public static final ObjectRef NONE = new ObjectRef("", "", "");

    public boolean isNone() {
        return kind.isEmpty() && name.isEmpty();
    }

    @Override
    public String toString() {
        return isNone() ? "" : kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
