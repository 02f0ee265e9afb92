package io.tenantingress.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.gatewayapi.ListenerSet;
import java.util.List;
import java.util.Optional;

/**
 * Reading what Envoy Gateway reports in Gateway API statuses: conditions by type, whether one judged the object's
 * current generation, and the status of one listener or one route parent. Reading only; judging is the verdicts'.
 */
final class GatewayApiConditions {

  private GatewayApiConditions() {
  }

  static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static boolean isTrue(Optional<Condition> condition) {
    return condition.filter(c -> "True".equals(c.getStatus())).isPresent();
  }

  static boolean isFalse(Optional<Condition> condition) {
    return condition.filter(c -> "False".equals(c.getStatus())).isPresent();
  }

  /** A condition that judged the object as it is now (one that does not say which generation it judged counts). */
  static boolean current(Condition condition, ObjectMeta object) {
    return condition.getObservedGeneration() == null || object.getGeneration() == null
        || condition.getObservedGeneration() >= object.getGeneration();
  }

  static List<Condition> conditions(Gateway gateway) {
    return gateway == null || gateway.getStatus() == null ? List.of() : gateway.getStatus().getConditions();
  }

  static Optional<ListenerStatus> listener(Gateway gateway, String name) {
    if (gateway == null || gateway.getStatus() == null) {
      return Optional.empty();
    }
    return gateway.getStatus().getListeners().stream().filter(l -> name.equals(l.getName())).findFirst();
  }

  static List<Condition> conditions(ListenerSet listenerSet) {
    return listenerSet.getStatus() == null ? List.of() : listenerSet.getStatus().conditions();
  }

  static Optional<ListenerStatus> listener(ListenerSet listenerSet, String name) {
    if (listenerSet.getStatus() == null || listenerSet.getStatus().listeners() == null) {
      return Optional.empty();
    }
    return listenerSet.getStatus().listeners().stream().filter(l -> name.equals(l.getName())).findFirst();
  }

  /** What the Gateway (or one of the route's namespace's ListenerSets) said of a route. */
  static Optional<RouteParentStatus> parentStatus(HTTPRoute route, GatewayInstance gateway) {
    if (route.getStatus() == null) {
      return Optional.empty();
    }
    return route.getStatus().getParents().stream().filter(p -> p.getParentRef() != null
        && RouteParents.isParent(p.getParentRef(), route.getMetadata().getNamespace(), gateway)).findFirst();
  }

  static boolean acceptedBy(HTTPRoute route, GatewayInstance gateway) {
    return isTrue(parentStatus(route, gateway).flatMap(p -> find(p.getConditions(), "Accepted")));
  }
}
