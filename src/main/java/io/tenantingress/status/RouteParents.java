package io.tenantingress.status;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.tenantingress.desired.GatewayDesiredState;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.HttpsRedirectRouteDesiredState;
import java.util.Comparator;
import java.util.List;

/** Which of a class's parents a route means, and whether it serves a hostname over HTTPS there. */
final class RouteParents {

  private RouteParents() {
  }

  /**
   * The routes that serve a hostname over HTTPS: a route only on the Gateway's http listener (or on port 80) serves
   * plain HTTP, which the redirect usually answers anyway; the operator's redirect routes never serve.
   */
  static List<HTTPRoute> servingOverHttps(String hostname, GatewayInstance gateway, List<HTTPRoute> routes) {
    return routes.stream().filter(r -> servesHttps(r, gateway) && !HttpsRedirectRouteDesiredState.isRedirect(r))
        .filter(r -> r.getSpec().getHostnames().isEmpty() || r.getSpec().getHostnames().contains(hostname))
        .sorted(Comparator.comparing(r -> r.getMetadata().getName()))
        .toList();
  }

  private static boolean servesHttps(HTTPRoute route, GatewayInstance gateway) {
    return route.getSpec().getParentRefs().stream()
        .anyMatch(ref -> isParent(ref, route.getMetadata().getNamespace(), gateway)
            && !GatewayDesiredState.HTTP_LISTENER.equals(ref.getSectionName())
            // A ListenerSet's http listeners are the ones whose names have no dot (ResourceNames).
            && !("ListenerSet".equals(ref.getKind()) && ref.getSectionName() != null
                && !ref.getSectionName().contains("."))
            && (ref.getPort() == null || ref.getPort() == gateway.tenantClass().httpsPort()));
  }

  static boolean refersTo(HTTPRoute route, GatewayInstance gateway) {
    return route.getSpec().getParentRefs().stream()
        .anyMatch(ref -> isParent(ref, route.getMetadata().getNamespace(), gateway));
  }

  /**
   * A parent that serves a route: the shared (or dedicated) Gateway, or one of the ListenerSets of the route's
   * own namespace.
   */
  static boolean isParent(ParentReference ref, String routeNamespace, GatewayInstance gateway) {
    String namespace = ref.getNamespace() != null ? ref.getNamespace() : routeNamespace;
    if ("ListenerSet".equals(ref.getKind())) {
      return namespace.equals(routeNamespace)
          && gateway.placement().listenerSets(routeNamespace).contains(ref.getName());
    }
    return isGateway(ref) && gateway.name().equals(ref.getName()) && gateway.namespace().equals(namespace);
  }

  static boolean isGateway(ParentReference ref) {
    return (ref.getKind() == null || "Gateway".equals(ref.getKind()))
        && (ref.getGroup() == null || "gateway.networking.k8s.io".equals(ref.getGroup()));
  }
}
