package io.tenantingress.testing;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.certmanager.api.model.v1.ClusterIssuer;
import io.fabric8.certmanager.api.model.v1.ClusterIssuerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.sandbox.RealControllers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What tests on the real controllers set up besides the operator's objects: a CA ClusterIssuer that cert-manager
 * issues from in about a second (where the issuer does not matter), certificates of that CA for External TLS, and
 * a Secret Envoy Gateway refuses.
 */
public final class RealControllerFixtures {

  /** The CA ClusterIssuer: a self-signed root issued by cert-manager, then a CA issuer signing with it. */
  public static final String CA_ISSUER = "test-ca";
  private static final String FIELD_MANAGER = "test";
  private static final Duration ISSUANCE = Duration.ofSeconds(60);

  private final KubernetesClient client;

  public RealControllerFixtures(KubernetesClient client) {
    this.client = client;
  }

  /** Creates {@link #CA_ISSUER} (idempotent) and waits until cert-manager says it is Ready. */
  public void caIssuer() {
    apply(new ClusterIssuerBuilder().withNewMetadata().withName(CA_ISSUER + "-root").endMetadata()
        .withNewSpec().withNewSelfSigned().endSelfSigned().endSpec().build());
    apply(new CertificateBuilder().withNewMetadata().withName(CA_ISSUER).withNamespace(
            RealControllers.CERT_MANAGER_NAMESPACE).endMetadata()
        .withNewSpec().withIsCA(true).withCommonName("tenant-ingress test CA").withSecretName(CA_ISSUER)
        .withNewIssuerRef().withKind("ClusterIssuer").withName(CA_ISSUER + "-root").endIssuerRef().endSpec()
        .build());
    apply(new ClusterIssuerBuilder().withNewMetadata().withName(CA_ISSUER).endMetadata()
        .withNewSpec().withNewCa().withSecretName(CA_ISSUER).endCa().endSpec().build());
    client.resources(ClusterIssuer.class).withName(CA_ISSUER).waitUntilCondition(i -> i != null
            && i.getStatus() != null && i.getStatus().getConditions() != null && i.getStatus().getConditions()
            .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
        ISSUANCE.toSeconds(), TimeUnit.SECONDS);
  }

  /** A real certificate for the hostnames in a {@code kubernetes.io/tls} Secret, issued by cert-manager from the CA. */
  public void issuedSecret(String namespace, String secretName, List<String> hostnames) {
    namespace(namespace);
    apply(new CertificateBuilder().withNewMetadata().withName(secretName).withNamespace(namespace).endMetadata()
        .withNewSpec().withDnsNames(hostnames).withSecretName(secretName)
        .withNewIssuerRef().withKind("ClusterIssuer").withName(CA_ISSUER).endIssuerRef().endSpec().build());
    client.resources(Certificate.class).inNamespace(namespace).withName(secretName).waitUntilCondition(c -> c != null
            && c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions()
            .stream().anyMatch(cond -> "Ready".equals(cond.getType()) && "True".equals(cond.getStatus())),
        ISSUANCE.toSeconds(), TimeUnit.SECONDS);
  }

  /** A {@code kubernetes.io/tls} Secret whose contents are not PEM: the API server takes it, Envoy Gateway does not. */
  public void garbageSecret(String namespace, String secretName) {
    namespace(namespace);
    client.resource(new SecretBuilder().withNewMetadata().withName(secretName).withNamespace(namespace).endMetadata()
        .withType("kubernetes.io/tls").withStringData(Map.of("tls.crt", "not a certificate", "tls.key", "not a key"))
        .build()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /**
   * A Service for routes to name as their backend, so that Envoy Gateway resolves them; no Pod backs it (nothing
   * runs Pods here), which is no concern of the operator's.
   */
  public void service(String namespace, String name) {
    namespace(namespace);
    apply(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace(namespace).endMetadata().withNewSpec().withSelector(Map.of("app", name))
        .addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec().build());
  }

  private void namespace(String name) {
    apply(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void apply(T object) {
    client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }
}
