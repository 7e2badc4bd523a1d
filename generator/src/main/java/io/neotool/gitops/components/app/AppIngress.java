package io.neotool.gitops.components.app;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Context;
import java.util.List;

/** The Ingress of a public app, written to the app's overlay of each cluster. */
final class AppIngress {
    private AppIngress() {}

    /**
     * The Ingress of a public app, on the cluster's ingress class, TLS at Traefik's websecure entry
     * point.
     */
    static Ingress of(AppConfig app, Context context) {
        EnvironmentConfig config = context.config();
        String tls = context.tlsSecret(app.host());
        return new IngressBuilder()
                .withNewMetadata()
                .withName(app.name())
                .withLabels(Context.labels(app.name(), "ingress"))
                .addToAnnotations("traefik.ingress.kubernetes.io/router.entrypoints", "websecure")
                .addToAnnotations("traefik.ingress.kubernetes.io/router.tls", "true")
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(config.cluster().ingressClass())
                .withTls(
                        tls == null
                                ? List.of()
                                : List.of(
                                        new IngressTLSBuilder()
                                                .withHosts(app.host())
                                                .withSecretName(tls)
                                                .build()))
                .addNewRule()
                .withHost(app.host())
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(app.name())
                .withNewPort()
                .withName(AppComponent.HTTP)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }
}
