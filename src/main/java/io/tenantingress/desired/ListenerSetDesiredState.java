package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.gatewayapi.ListenerSetSpec;
import io.tenantingress.gatewayapi.ListenerSetSpec.ParentGatewayReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The ListenerSets of the hostnames that live on them (see ListenerSetPlacement): each tenant namespace's, attached
 * to the shared Gateway. On the ListenerSet layout every admitted hostname has an http listener, and an https
 * listener once its certificate is issued; each listener is bound to its hostname and admits routes from its own
 * namespace only, so no other namespace can attach a route for it on any port; its certificate is a Secret of
 * that namespace. A ListenerSet with no listener is left out, since it needs at least one.
 */
public final class ListenerSetDesiredState {

  private ListenerSetDesiredState() {
  }

  public static List<ListenerSet> render(ClassPlan plan, Predicate<String> namespaces) {
    ListenerSetPlacement placement = plan.placement();
    EffectiveClass tenantClass = plan.tenantClass();
    List<ListenerSet> listenerSets = new ArrayList<>();
    placement.byNamespace().forEach((namespace, sets) -> sets.forEach((name, hostnames) -> {
      if (!namespaces.test(namespace)) {
        return;
      }
      List<Listener> listeners = new ArrayList<>();
      for (HostnamePlan hostname : hostnames) {
        if (tenantClass.usesListenerSets()) {
          listeners.add(httpListener(tenantClass, hostname));
        }
        if (hostname.state() == HostnameState.Ready && placement.place(namespace, hostname.hostname()).isPresent()) {
          listeners.add(httpsListener(tenantClass, hostname, hostname.bridge() != null ? hostname.bridge()
              : hostname.secret()));
        }
      }
      if (!listeners.isEmpty()) {
        listenerSets.add(listenerSet(tenantClass, namespace, name, listeners));
      }
    }));
    return listenerSets;
  }

  private static Listener httpListener(EffectiveClass tenantClass, HostnamePlan hostname) {
    return new ListenerBuilder().withName(ResourceNames.httpListenerName(hostname.hostname()))
        .withHostname(hostname.hostname()).withPort(tenantClass.httpPort()).withProtocol("HTTP")
        .withNewAllowedRoutes().withNewNamespaces().withFrom("Same").endNamespaces().endAllowedRoutes()
        .build();
  }

  private static Listener httpsListener(EffectiveClass tenantClass, HostnamePlan hostname, SecretRef certificate) {
    return new ListenerBuilder().withName(ResourceNames.hostnameSegment(hostname.hostname()))
        .withHostname(hostname.hostname()).withPort(tenantClass.httpsPort()).withProtocol("HTTPS")
        .withNewAllowedRoutes().withNewNamespaces().withFrom("Same").endNamespaces().endAllowedRoutes()
        .withNewTls().withMode("Terminate").addNewCertificateRef().withKind("Secret")
        .withName(certificate.name()).endCertificateRef().endTls()
        .build();
  }
  private static ListenerSet listenerSet(EffectiveClass tenantClass, String namespace, String name,
      List<Listener> listeners) {
    ListenerSet listenerSet = new ListenerSet();
    Map<String, String> labels = OwnershipLabels.forNamespace(tenantClass.name(), namespace);
    listenerSet.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels)
        .build());
    listenerSet.setSpec(new ListenerSetSpec(new ParentGatewayReference(ClientTrafficPolicyDesiredState.GATEWAY_API_GROUP,
        "Gateway", tenantClass.gatewayName(), tenantClass.gatewayNamespace()), listeners));
    return listenerSet;
  }
}
