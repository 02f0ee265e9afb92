package io.tenantingress.testing;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateConditionBuilder;
import io.fabric8.certmanager.api.model.v1.CertificateStatusBuilder;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddressBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKindBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.gatewayapi.ListenerSetStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Plays Envoy Gateway and cert-manager in the tests that do not run them ({@link WithRealControllers} ones do):
 * the burst, migration, lifecycle and RBAC tests, whose meaning is what the operator writes and whose scale or
 * impersonation does not need a controller's verdict, and the benchmark. It writes the status (through the status
 * subresource) and the issued Secrets those controllers would write; the certificate it issues is a real one
 * ({@link TestCertificate}), which Envoy Gateway would accept.
 */
public final class ControllerStandIns {

  private final KubernetesClient client;

  public ControllerStandIns(KubernetesClient client) {
    this.client = client;
  }

  /** cert-manager issued a Certificate: its Secret holds a certificate and its Ready condition is True. */
  public void issue(String namespace, String certificateName) {
    issue(client.resources(Certificate.class).inNamespace(namespace).withName(certificateName).get());
  }

  /**
   * The same, from the Certificate as cert-manager's cache holds it (left untouched): cert-manager, like Envoy
   * Gateway, reads what it judges from its informers, not from the API server.
   */
  public void issue(Certificate cached) {
    Certificate certificate = copy(cached);
    client.resource(new SecretBuilder().withNewMetadata().withName(certificate.getSpec().getSecretName())
            .withNamespace(certificate.getMetadata().getNamespace()).endMetadata().withType("kubernetes.io/tls")
            .withStringData(TestCertificate.tlsSecretData()).build())
        .fieldManager("cert-manager").forceConflicts().serverSideApply();
    certificate.setStatus(new CertificateStatusBuilder().withConditions(new CertificateConditionBuilder()
        .withType("Ready").withStatus("True").withReason("Ready")
        .withMessage("Certificate is up to date and has not expired")
        .withObservedGeneration(certificate.getMetadata().getGeneration())
        .withLastTransitionTime(now()).build()).build());
    client.resource(certificate).updateStatus();
  }

  /**
   * Envoy Gateway accepted and programmed a Gateway, as its cache holds it (left untouched), and gave it an address.
   */
  public void program(Gateway cached, String address) {
    Gateway gateway = copy(cached);
    gateway.setStatus(new GatewayStatusBuilder()
        .withAddresses(new GatewayStatusAddressBuilder().withType("IPAddress").withValue(address).build())
        .withConditions(condition("Accepted", "True", "Accepted", "accepted", gateway.getMetadata().getGeneration()),
            condition("Programmed", "True", "Programmed", "programmed", gateway.getMetadata().getGeneration()))
        .build());
    client.resource(gateway).updateStatus();
  }

  /**
   * Envoy Gateway's verdict on a ListenerSet, for the generation it has now (as Envoy Gateway gives after every
   * change, since Ready waits for the current generation's verdict): every listener accepted and programmed, except
   * an https listener whose Secret does not exist (yet: cert-manager has not issued it), whose reference is
   * unresolved in Envoy Gateway's words. Envoy Gateway judges the ListenerSet again when such a Secret appears:
   * call this again then.
   *
   * @param cached the ListenerSet as Envoy Gateway's cache holds it (left untouched)
   * @param secretExists whether a Secret (namespace, name) exists, as Envoy Gateway's cache of Secrets knows
   */
  public void programListenerSet(ListenerSet cached, BiPredicate<String, String> secretExists) {
    ListenerSet listenerSet = copy(cached);
    String namespace = listenerSet.getMetadata().getNamespace();
    Long generation = listenerSet.getMetadata().getGeneration();
    listenerSet.setStatus(new ListenerSetStatus(List.of(
        condition("Accepted", "True", "Accepted", "All listeners are accepted", generation),
        condition("Programmed", "True", "Programmed", "All listeners are programmed", generation)),
        listenerSet.getSpec().listeners().stream().map(l -> new ListenerStatusBuilder().withName(l.getName())
            .withAttachedRoutes(0).withSupportedKinds(new RouteGroupKindBuilder().withKind("HTTPRoute").build())
            .withConditions(listenerConditions(namespace, l, secretExists, generation)).build()).toList()));
    client.resource(listenerSet).updateStatus();
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> listenerConditions(String namespace,
      Listener listener, BiPredicate<String, String> secretExists, Long generation) {
    Optional<String> missing = listener.getTls() == null ? Optional.empty() : listener.getTls().getCertificateRefs()
        .stream().map(SecretObjectReference::getName).filter(secret -> !secretExists.test(namespace, secret))
        .findFirst();
    if (missing.isPresent()) {
      return List.of(condition("Accepted", "True", "Accepted", "Listener has been successfully translated", generation),
          condition("Programmed", "False", "Invalid", "Listener is invalid, see other Conditions for details.",
              generation),
          condition("ResolvedRefs", "False", "InvalidCertificateRef", "certificate refs 0: Secret " + namespace + "/"
              + missing.get() + " does not exist.", generation));
    }
    return List.of(condition("Accepted", "True", "Accepted", "accepted", generation),
        condition("Programmed", "True", "Programmed", "programmed", generation),
        condition("ResolvedRefs", "True", "ResolvedRefs", "resolved", generation));
  }

  /**
   * Envoy Gateway accepted an HTTPRoute, as its cache holds it (left untouched), on the parent it names (a Gateway
   * or a ListenerSet).
   */
  public void acceptRoute(HTTPRoute cached) {
    HTTPRoute httpRoute = copy(cached);
    String namespace = httpRoute.getMetadata().getNamespace();
    long generation = httpRoute.getMetadata().getGeneration();
    var parent = httpRoute.getSpec().getParentRefs().get(0);
    httpRoute.setStatus(new HTTPRouteStatusBuilder().withParents(new RouteParentStatusBuilder()
        .withControllerName("gateway.envoyproxy.io/gatewayclass-controller")
        .withParentRef(new ParentReferenceBuilder(parent).withNamespace(parent.getNamespace() == null ? namespace
            : parent.getNamespace()).build())
        .withConditions(condition("Accepted", "True", "Accepted", "accepted", generation),
            condition("ResolvedRefs", "True", "ResolvedRefs", "resolved", generation))
        .build()).build());
    client.resource(httpRoute).updateStatus();
  }

  /** A copy to write a status on: an informer's objects are shared by everyone who reads its cache. */
  private <T> T copy(T cached) {
    return client.getKubernetesSerialization().clone(cached);
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(String type, String status, String reason,
      String message, Long generation) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).withLastTransitionTime(now()).build();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
