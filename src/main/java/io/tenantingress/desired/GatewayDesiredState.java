package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespacesBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReferenceBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The Gateways of a class. With {@code tenantListeners: ListenerSet} the shared Gateway has only its http
 * listener, for the gateway namespace's routes alone, and admits the tenants' ListenerSets (ListenerSetDesiredState). Otherwise the https listener lists the Secret of every Ready hostname
 * ({@link #certificateRefs} says in which order) and leaves out
 * the ones not issued yet: Envoy Gateway serves the valid references of a partly invalid list, but a listener
 * whose references are all invalid is not programmed, so one tenant's pending certificate must never be listed.
 * While no hostname has its Secret there is no https listener at all, since a TLS listener needs at least one.
 */
public final class GatewayDesiredState {

  public static final String HTTP_LISTENER = "http";
  public static final String HTTPS_LISTENER = "https";

  private GatewayDesiredState() {
  }

  public static List<Gateway> render(ClassPlan plan, Predicate<String> namespaces) {
    return GatewayInstance.of(plan).stream().filter(g -> namespaces.test(g.namespace()))
        .map(g -> gateway(g, plan.handWrittenServed())).toList();
  }

  private static Gateway gateway(GatewayInstance instance, List<HandWrittenCertificate> handWritten) {
    EffectiveClass tenantClass = instance.tenantClass();
    RouteNamespaces admitted = tenantClass.shared()
        ? new RouteNamespacesBuilder().withFrom("Selector").withNewSelector()
            .withMatchLabels(Map.of(tenantClass.accessLabelKey(), tenantClass.accessLabelValue())).endSelector()
            .build()
        : new RouteNamespacesBuilder().withFrom("Same").build();
    // With ListenerSets every hostname has an http listener of its own there: the Gateway's answers only for the
    // gateway namespace's redirect, so that no tenant's route on it can take another tenant's port 80.
    RouteNamespaces onHttp = tenantClass.usesListenerSets()
        ? new RouteNamespacesBuilder().withFrom("Same").build() : admitted;
    List<Listener> listeners = new ArrayList<>();
    listeners.add(new ListenerBuilder().withName(HTTP_LISTENER).withPort(tenantClass.httpPort())
        .withProtocol("HTTP").withNewAllowedRoutes().withNamespaces(onHttp).endAllowedRoutes().build());
    List<SecretObjectReference> refs = certificateRefs(instance, tenantClass.shared() ? handWritten : List.of());
    if (!refs.isEmpty()) {
      listeners.add(new ListenerBuilder().withName(HTTPS_LISTENER).withPort(tenantClass.httpsPort())
          .withProtocol("HTTPS").withHostname(tenantClass.shared() ? null : commonParentWildcard(instance).orElse(null))
          .withNewAllowedRoutes().withNamespaces(admitted).endAllowedRoutes()
          .withNewTls().withMode("Terminate").withCertificateRefs(refs).endTls().build());
    }
    GatewayBuilder gateway = new GatewayBuilder()
        .withNewMetadata().withName(instance.name()).withNamespace(instance.namespace())
        .withLabels(instance.labels()).endMetadata()
        .withNewSpec().withGatewayClassName(tenantClass.gatewayClassName()).withListeners(listeners).endSpec();
    if (tenantClass.usesListenerSets()) {
      // Tenants' ListenerSets attach from the namespaces that carry the access label, as their routes do.
      gateway.editSpec().withNewAllowedListeners().withNewNamespaces().withFrom("Selector").withNewSelector()
          .withMatchLabels(Map.of(tenantClass.accessLabelKey(), tenantClass.accessLabelValue())).endSelector()
          .endNamespaces().endAllowedListeners().endSpec();
    }
    return gateway.build();
  }

  /**
   * Envoy picks, for a client's SNI, the first listed certificate that covers it. The certificates the operator
   * has issued cover exactly their owner's hostname and come first; tenants' own (External TLS) certificates,
   * whose names the operator cannot read, follow, oldest tenant first: a certificate of a younger tenant that
   * also covers an older tenant's hostname never comes before it.
   */
  private static List<SecretObjectReference> certificateRefs(GatewayInstance instance,
      List<HandWrittenCertificate> handWritten) {
    record Listed(SecretRef secret, boolean external, Instant created) {
    }
    Stream<SecretRef> tenants = instance.tenants().stream()
        .flatMap(t -> t.admitted().stream().map(h -> onGateway(instance.tenantClass(), h))
            .filter(java.util.Objects::nonNull)
            .map(secret -> new Listed(secret, t.externalTls(), t.externalTls() ? t.created() : Instant.EPOCH)))
        .sorted(Comparator.comparing(Listed::external).thenComparing(Listed::created)
            .thenComparing(l -> l.secret().namespace()).thenComparing(l -> l.secret().name()))
        .map(Listed::secret);
    // The platform team's own certificates last, for the names the operator does not serve itself (yet).
    return Stream.concat(tenants, handWritten.stream().map(HandWrittenCertificate::secret)).distinct()
        .limit(TenantIngressPlanner.MAX_CERTIFICATE_REFS)
        .map(secret -> new SecretObjectReferenceBuilder().withKind("Secret").withName(secret.name())
            .withNamespace(secret.namespace().equals(instance.namespace()) ? null : secret.namespace()).build())
        .toList();
  }

  /**
   * The Secret a hostname is served with on the Gateway's https listener, if it is served there: its own on the
   * Gateway layout; on the ListenerSet layout only the previous layout's, while its new certificate is issued.
   */
  private static SecretRef onGateway(EffectiveClass tenantClass, HostnamePlan hostname) {
    if (tenantClass.usesListenerSets()) {
      return hostname.bridge();
    }
    return hostname.servedInPlace() ? hostname.secret() : null;
  }

  /**
   * A dedicated https listener is narrowed to {@code *.parent} when every hostname sits directly below one
   * parent domain (as in the walkthrough), so it answers only for the tenant's own names.
   */
  static Optional<String> commonParentWildcard(GatewayInstance instance) {
    List<String> parents = instance.admittedHostnames().stream().map(h -> parent(h.hostname())).distinct().toList();
    if (parents.size() != 1 || parents.get(0) == null) {
      return Optional.empty();
    }
    return Optional.of("*." + parents.get(0));
  }

  private static String parent(String hostname) {
    int dot = hostname.indexOf('.');
    String parent = hostname.substring(dot + 1);
    // A parent with a single label would be a top-level domain: too wide to be worth narrowing to.
    return parent.contains(".") ? parent : null;
  }
}
