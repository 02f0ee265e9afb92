package io.tenantingress.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared-Gateway walkthrough written by hand, against whichever API server a subclass provides: the
 * upstream CRDs accept it, server-side apply round-trips it, and their own validation is live.
 */
abstract class SharedGatewayWalkthroughSuite {

  private static final String FIELD_MANAGER = "walkthrough-smoke-test";

  protected abstract KubernetesClient client();

  @Test
  void walkthroughObjectsApplyWithServerSideApplyAndReadBack() {
    List<HasMetadata> objects = load("/walkthrough/shared-gateway.yaml");
    objects.forEach(this::apply);

    Gateway gateway = client().resources(Gateway.class).inNamespace("gateway").withName("shared").get();
    assertThat(gateway.getSpec().getGatewayClassName()).isEqualTo("eg");
    assertThat(gateway.getSpec().getListeners()).extracting(Listener::getName, Listener::getPort, Listener::getProtocol)
        .containsExactly(tuple("http", 80, "HTTP"), tuple("https", 443, "HTTPS"));
    Listener https = gateway.getSpec().getListeners().get(1);
    assertThat(https.getAllowedRoutes().getNamespaces().getSelector().getMatchLabels())
        .containsExactly(Map.entry("shared-gateway-access", "true"));
    assertThat(https.getTls().getMode()).isEqualTo("Terminate");
    assertThat(https.getTls().getCertificateRefs()).singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("team-a-tls"));

    GenericKubernetesResource policy = client()
        .genericKubernetesResources("gateway.envoyproxy.io/v1alpha1", "ClientTrafficPolicy")
        .inNamespace("gateway").withName("shared").get();
    assertThat(policy.<Boolean>get("spec", "proxyProtocol", "optional")).isFalse();
    assertThat(policy.<String>get("spec", "targetRefs", 0, "name")).isEqualTo("shared");

    Issuer issuer = client().resources(Issuer.class).inNamespace("gateway").withName("letsencrypt-http01").get();
    assertThat(issuer.getSpec().getAcme().getSolvers()).singleElement().satisfies(solver ->
        assertThat(solver.getHttp01().getGatewayHTTPRoute().getParentRefs()).singleElement()
            .satisfies(ref -> assertThat(ref.getNamespace() + "/" + ref.getName()).isEqualTo("gateway/shared")));

    Certificate certificate = client().resources(Certificate.class).inNamespace("gateway").withName("team-a-tls").get();
    assertThat(certificate.getSpec().getSecretName()).isEqualTo("team-a-tls");
    assertThat(certificate.getSpec().getDnsNames()).containsExactly("team-a.example.com");

    HTTPRoute redirect = client().resources(HTTPRoute.class).inNamespace("gateway").withName("https-redirect").get();
    assertThat(redirect.getSpec().getParentRefs()).singleElement()
        .satisfies(ref -> assertThat(ref.getSectionName()).isEqualTo("http"));
    assertThat(redirect.getSpec().getRules().get(0).getFilters()).singleElement().satisfies(filter -> {
      assertThat(filter.getRequestRedirect().getScheme()).isEqualTo("https");
      assertThat(filter.getRequestRedirect().getStatusCode()).isEqualTo(301);
    });

    HTTPRoute echo = client().resources(HTTPRoute.class).inNamespace("team-a").withName("echo").get();
    assertThat(echo.getSpec().getParentRefs()).singleElement().satisfies(ref -> {
      assertThat(ref.getNamespace()).isEqualTo("gateway");
      assertThat(ref.getSectionName()).isEqualTo("https");
    });
    assertThat(echo.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .contains(FIELD_MANAGER);
  }

  @Test
  void reapplyingTheSameObjectsChangesNoResourceVersion() {
    List<HasMetadata> objects = load("/walkthrough/shared-gateway.yaml");
    // The first update after a create may still write once: the API server stores the CRD's status defaults
    // (Gateway, HTTPRoute) that it only applied on read until then. From there on, an apply is a no-op.
    objects.forEach(this::apply);
    objects.forEach(this::apply);
    List<String> settled = resourceVersions(objects);
    objects.forEach(this::apply);
    assertThat(resourceVersions(objects)).isEqualTo(settled);
  }

  private List<String> resourceVersions(List<HasMetadata> objects) {
    return objects.stream().map(o -> client().resource(o).get().getMetadata().getResourceVersion()).toList();
  }

  @Test
  void clientTrafficPolicyWithBothXForwardedForAndCustomHeaderIsRejectedByTheUpstreamCel() {
    client().resource(new NamespaceBuilder().withNewMetadata().withName("cel-check").endMetadata().build())
        .fieldManager(FIELD_MANAGER).serverSideApply();
    GenericKubernetesResource policy = (GenericKubernetesResource) client().getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: ClientTrafficPolicy
        metadata:
          name: both-modes
          namespace: cel-check
        spec:
          targetRefs:
            - group: gateway.networking.k8s.io
              kind: Gateway
              name: shared
          clientIPDetection:
            xForwardedFor:
              numTrustedHops: 1
            customHeader:
              name: X-Real-IP
        """, GenericKubernetesResource.class);

    assertThatThrownBy(() -> apply(policy))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("exactly one of xForwardedFor, customHeader, or directSourceIP must be set");
    assertThat(client().genericKubernetesResources("gateway.envoyproxy.io/v1alpha1", "ClientTrafficPolicy")
        .inNamespace("cel-check").withName("both-modes").get()).isNull();
  }

  private HasMetadata apply(HasMetadata object) {
    return client().resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private List<HasMetadata> load(String resource) {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      return client().load(in).items();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
