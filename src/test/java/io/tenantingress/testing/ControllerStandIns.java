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
    Certificate certificate = client.resources(Certificate.class).inNamespace(namespace).withName(certificateName)
        .get();
    client.resource(new SecretBuilder().withNewMetadata().withName(certificate.getSpec().getSecretName())
            .withNamespace(namespace).endMetadata().withType("kubernetes.io/tls")
            .withStringData(TestCertificate.tlsSecretData()).build())
        .fieldManager("cert-manager").forceConflicts().serverSideApply();
    setCertificateReady(certificate, "True", "Ready", "Certificate is up to date and has not expired");
  }

  /** cert-manager cannot issue it yet. */
  public void failIssuance(String namespace, String certificateName, String reason, String message) {
    setCertificateReady(client.resources(Certificate.class).inNamespace(namespace).withName(certificateName).get(),
        "False", reason, message);
  }

  /** Envoy Gateway accepted and programmed a Gateway and gave it an address. */
  public void program(String namespace, String name, String address) {
    Gateway gateway = client.resources(Gateway.class).inNamespace(namespace).withName(name).get();
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
   * @param secretExists whether a Secret (namespace, name) exists, as Envoy Gateway's cache of Secrets knows
   */
  public void programListenerSet(String namespace, String name, BiPredicate<String, String> secretExists) {
    ListenerSet listenerSet = client.resources(ListenerSet.class).inNamespace(namespace).withName(name).get();
    if (listenerSet == null) {
      return;
    }
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

  /** Envoy Gateway's verdict on an HTTPRoute's parent Gateway. */
  public void routeParent(String namespace, String route, String gatewayNamespace, String gatewayName,
      String acceptedStatus, String acceptedReason, String message) {
    HTTPRoute httpRoute = client.resources(HTTPRoute.class).inNamespace(namespace).withName(route).get();
    long generation = httpRoute.getMetadata().getGeneration();
    httpRoute.setStatus(new HTTPRouteStatusBuilder().withParents(new RouteParentStatusBuilder()
        .withControllerName("gateway.envoyproxy.io/gatewayclass-controller")
        .withParentRef(new ParentReferenceBuilder().withGroup("gateway.networking.k8s.io").withKind("Gateway")
            .withName(gatewayName).withNamespace(gatewayNamespace).withSectionName("https").build())
        .withConditions(condition("Accepted", acceptedStatus, acceptedReason, message, generation),
            condition("ResolvedRefs", "True", "ResolvedRefs", "resolved", generation))
        .build()).build());
    client.resource(httpRoute).updateStatus();
  }

  /** Envoy Gateway accepted an HTTPRoute on the parent it names (a Gateway or a ListenerSet). */
  public void acceptRoute(String namespace, String route) {
    HTTPRoute httpRoute = client.resources(HTTPRoute.class).inNamespace(namespace).withName(route).get();
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

  private void setCertificateReady(Certificate certificate, String status, String reason, String message) {
    certificate.setStatus(new CertificateStatusBuilder().withConditions(new CertificateConditionBuilder()
        .withType("Ready").withStatus(status).withReason(reason).withMessage(message)
        .withObservedGeneration(certificate.getMetadata().getGeneration())
        .withLastTransitionTime(now()).build()).build());
    client.resource(certificate).updateStatus();
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
