package io.neotool.gitops.components.certmanager;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.Pods;
import io.neotool.gitops.config.Resources;

/**
 * cert-manager with an ACME issuer: a certificate for every public host of the cluster, renewed
 * before it expires, answered over HTTP-01 through the cluster's ingress class.
 *
 * @param image the controller's image; the webhook, CA injector, ACME solver and API check images
 *     are its siblings in the same registry folder, at the same tag
 * @param resources of each cert-manager pod (controller, webhook, CA injector, API check)
 */
@JsonClassDescription("cert-manager and a Let's Encrypt ClusterIssuer for every public host.")
public record CertManagerSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) Resources resources,
        @JsonPropertyDescription(
                        "The ACME account the certificates are issued with (Let's Encrypt by default).")
                @JsonProperty(required = true)
                Acme acme,
        @JsonPropertyDescription(
                        "The certificate alert fires this many days before a certificate expires (cert-manager renews at 30). Default 14.")
                Integer expiryAlertDays)
        implements ComponentSettings.Chart {

    public CertManagerSettings {
        expiryAlertDays = expiryAlertDays == null ? 14 : expiryAlertDays;
    }

    /** The controller image's name; its siblings differ only in the suffix. */
    public static final String CONTROLLER_IMAGE = "cert-manager-controller";

    /**
     * The ACME account the issuer registers.
     *
     * @param email where the certificate authority writes about expiry and account problems
     * @param server the ACME directory (default: Let's Encrypt production)
     * @param issuer the ClusterIssuer's name (default {@code letsencrypt})
     */
    public record Acme(
            @JsonPropertyDescription(
                            "Contact address of the ACME account (Let's Encrypt's expiry mails).")
                    @JsonProperty(required = true)
                    String email,
            @JsonPropertyDescription(
                            "ACME directory URL. Default Let's Encrypt's production directory.")
                    String server,
            @JsonPropertyDescription("Name of the generated ClusterIssuer. Default letsencrypt.")
                    String issuer) {
        public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

        public Acme {
            server = server == null ? LETS_ENCRYPT : server;
            issuer = issuer == null ? "letsencrypt" : issuer;
        }
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.positive(path + ".expiryAlertDays", expiryAlertDays);
        rules.check(
                acme.email().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"),
                path + ".acme.email",
                "'" + acme.email() + "' is not an e-mail address",
                "the ACME account's contact, for example ops@neotool.io");
        rules.check(
                acme.server().matches("^https://[^\\s/]+(/\\S*)?$"),
                path + ".acme.server",
                "'" + acme.server() + "' is not an https URL",
                "Let's Encrypt: " + Acme.LETS_ENCRYPT);
        rules.dnsLabel(path + ".acme.issuer", acme.issuer());
        ImageRef ref = ImageRef.parse(image);
        if (ref != null && ref.pinned()) {
            rules.check(
                    ref.repository().endsWith("/" + CONTROLLER_IMAGE),
                    path + ".image",
                    "'" + image + "' is not the cert-manager controller image",
                    "for example quay.io/jetstack/" + CONTROLLER_IMAGE + ":" + chartVersion);
            rules.check(
                    chartVersion.equals(ref.tag()),
                    path + ".image",
                    "the image tag '" + ref.tag() + "' is not the chart version " + chartVersion,
                    "cert-manager releases its chart and images together; pin both to the same version");
        }
    }

    /** The controller, its webhook and its CA injector, each of these resources. */
    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        return java.util.List.of(Pods.of("", 3, resources()));
    }
}
