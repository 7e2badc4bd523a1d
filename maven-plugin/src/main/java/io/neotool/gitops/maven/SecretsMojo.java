package io.neotool.gitops.maven;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.Secrets;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists every Vault secret the configs' clusters read (path, key, and the config line that names
 * it). Given a Vault address and a token ({@code VAULT_ADDR}, {@code VAULT_TOKEN}), checks that
 * each exists and fails naming every one that does not, before the pods that read it wait for it.
 * {@code -Dneotool.secrets.skeleton} prints the {@code vault kv put} lines to fill in instead.
 */
@Mojo(name = "secrets", aggregator = true, threadSafe = true)
public class SecretsMojo extends AbstractNeotoolMojo {

    /** Vault's address; default the {@code VAULT_ADDR} environment variable. */
    @Parameter(property = "neotool.vault.addr")
    protected String vaultAddr;

    /** The cluster whose secrets to list or check (each cluster has its own Vault); default all. */
    @Parameter(property = "neotool.cluster")
    protected String cluster;

    /** Print {@code vault kv put} lines with the keys and no values, and check nothing. */
    @Parameter(property = "neotool.secrets.skeleton", defaultValue = "false")
    protected boolean skeleton;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<Secrets.Reference> all = new NeotoolGitops().secrets(configDir.toPath());
        List<Secrets.Reference> references =
                cluster == null || cluster.isBlank()
                        ? all
                        : all.stream().filter(r -> r.cluster().equals(cluster)).toList();
        long clusters = references.stream().map(Secrets.Reference::cluster).distinct().count();
        if (cluster != null && !cluster.isBlank() && references.isEmpty()) {
            throw new MojoFailureException(
                    "neotool: no config of " + configDir + " is for cluster '" + cluster + "'");
        }
        if (skeleton) {
            getLog().info(
                            "neotool: the secrets to write, values left out:\n"
                                    + Secrets.skeleton(references));
            return;
        }
        String address =
                vaultAddr != null && !vaultAddr.isBlank() ? vaultAddr : System.getenv("VAULT_ADDR");
        String token = System.getenv("VAULT_TOKEN");
        if (address == null || address.isBlank() || token == null || token.isBlank()) {
            getLog().info(
                            "neotool: "
                                    + references.size()
                                    + " secret keys the clusters read (set VAULT_ADDR and VAULT_TOKEN to check a Vault):\n"
                                    + Secrets.list(references));
            return;
        }
        if (clusters > 1) {
            throw new MojoFailureException(
                    "neotool: the configs are for "
                            + clusters
                            + " clusters, each with its own Vault: name the one "
                            + address
                            + " serves with -Dneotool.cluster=<name>");
        }
        Map<Secrets.Reference, String> missing;
        try {
            missing = Secrets.missing(references, URI.create(address), token);
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "neotool: cannot read Vault at " + address + ": " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            StringBuilder message =
                    new StringBuilder("neotool: ")
                            .append(missing.size())
                            .append(" of ")
                            .append(references.size())
                            .append(" secret keys are missing in ")
                            .append(address)
                            .append(" (pods that read them would wait):");
            missing.forEach(
                    (ref, why) ->
                            message.append("\n  ")
                                    .append(ref.file())
                                    .append(':')
                                    .append(ref.line())
                                    .append(": ")
                                    .append(ref.configPath())
                                    .append(": ")
                                    .append(why)
                                    .append(" (cluster ")
                                    .append(ref.cluster())
                                    .append(")"));
            message.append(
                    "\n  write them with: ./mvnw neotool:secrets -Dneotool.secrets.skeleton");
            throw new MojoFailureException(message.toString());
        }
        getLog().info(
                        "neotool: all "
                                + references.size()
                                + " secret keys the clusters read are in "
                                + address);
    }
}
