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

/**
 * The ListenerSets of the hostnames that live on them (see ListenerSetPlacement): each tenant namespace's, attached to the shared
 * Gateway, with one https listener per hostname whose certificate is usable. Each listener is bound to its
 * hostname and admits routes from its own namespace only, so no other namespace can attach a route for it;
 * its certificate is a Secret of that namespace. A ListenerSet none of whose hostnames is issued yet is left
 * out, since it needs at least one listener.
 */
public final class ListenerSetDesiredState {

  private ListenerSetDesiredState() {
  }

  public static List<ListenerSet> render(ClassPlan plan) {
    ListenerSetPlacement placement = plan.placement();
    List<ListenerSet> listenerSets = new ArrayList<>();
    placement.byNamespace().forEach((namespace, sets) -> sets.forEach((name, hostnames) -> {
      List<Listener> listeners = hostnames.stream().filter(h -> h.state() == HostnameState.Ready)
          .map(h -> listener(plan.tenantClass(), h, h.bridge() != null ? h.bridge() : h.secret())).toList();
      if (!listeners.isEmpty()) {
        listenerSets.add(listenerSet(plan.tenantClass(), namespace, name, listeners));
      }
    }));
    return listenerSets;
  }

  private static Listener listener(EffectiveClass tenantClass, HostnamePlan hostname, SecretRef certificate) {
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
