package io.tenantingress.status;

import static io.tenantingress.status.GatewayApiConditions.find;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.HostnamePlan;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.TenantPlan;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verdicts on the routes of a hostname: attached, accepted and resolved for the route's current generation; and
 * the routes that explain why none is: one that never attaches, one serving a hostname nobody here claims, one
 * of another namespace serving this tenant's hostname.
 */
final class RouteVerdicts {

  private RouteVerdicts() {
  }

  static Verdict attached(String hostname, GatewayInstance gateway, List<HTTPRoute> attached, String namespace,
      boolean declared) {
    if (attached.isEmpty() && declared) {
      return Verdict.no(StatusReasons.ROUTE_PENDING, "the operator is writing the HTTPRoute of spec.routes for "
          + hostname);
    }
    if (attached.isEmpty()) {
      return Verdict.no(StatusReasons.NO_ROUTE, "no HTTPRoute in namespace " + namespace + " serves " + hostname
          + " through Gateway " + gateway.namespace() + "/" + gateway.name() + "; add one (parentRefs: name "
          + gateway.name() + ", namespace " + gateway.namespace() + ", sectionName https) or use spec.routes");
    }
    for (HTTPRoute route : attached) {
      String name = "HTTPRoute " + route.getMetadata().getName();
      Optional<RouteParentStatus> parent = GatewayApiConditions.parentStatus(route, gateway);
      if (parent.isEmpty()) {
        return Verdict.no(StatusReasons.ROUTE_PENDING, name + " has no status from Envoy Gateway for this Gateway yet");
      }
      Optional<Condition> accepted = find(parent.get().getConditions(), "Accepted");
      if (GatewayApiConditions.isFalse(accepted)) {
        return Verdict.no(accepted.get().getReason(), name + " is not accepted: " + accepted.get().getMessage()
            + accessLabelFix(accepted.get().getReason(), gateway, namespace));
      }
      Optional<Condition> resolved = find(parent.get().getConditions(), "ResolvedRefs");
      if (GatewayApiConditions.isFalse(resolved)) {
        return Verdict.no(resolved.get().getReason(), name + " cannot reach its backend: "
            + resolved.get().getMessage());
      }
      if (accepted.isEmpty() || !GatewayApiConditions.current(accepted.get(), route.getMetadata())) {
        return Verdict.no(StatusReasons.ROUTE_PENDING, name + " is not accepted yet"
            + accepted.map(c -> " (Envoy Gateway has judged generation " + c.getObservedGeneration() + ", it is at "
            + route.getMetadata().getGeneration() + ")").orElse(""));
      }
    }
    return Verdict.yes(StatusReasons.ROUTE_ACCEPTED, hostname + " is served");
  }

  /** What to do about a route the Gateway does not allow: the namespace's access label, on a shared class. */
  static String accessLabelFix(String reason, GatewayInstance gateway, String namespace) {
    if ("NotAllowedByListeners".equals(reason) && gateway.tenantClass().shared()) {
      return ". Namespace " + namespace + " needs the label " + gateway.tenantClass().accessLabelKey() + "="
          + gateway.tenantClass().accessLabelValue() + "; the operator sets it while the namespace has a "
          + "TenantIngress of this class, so check that nothing removes it";
    }
    return "";
  }

  /**
   * Routes in this namespace that mean the class's shared Gateway but never attach (their parentRef lacks the
   * Gateway's namespace, or names another namespace's ListenerSet), or that serve a hostname no TenantIngress here
   * claims (no certificate will cover it).
   */
  static Verdict stray(String namespace, GatewayInstance serving, List<HTTPRoute> routesInNamespace,
      Set<String> claimedInNamespace) {
    for (HTTPRoute route : routesInNamespace) {
      for (ParentReference ref : route.getSpec().getParentRefs()) {
        if (RouteParents.isGateway(ref) && serving.name().equals(ref.getName()) && ref.getNamespace() == null
            && !namespace.equals(serving.namespace())) {
          return Verdict.no(StatusReasons.PARENT_REF_WITHOUT_NAMESPACE, "HTTPRoute " + route.getMetadata().getName()
              + " names Gateway " + serving.name() + " without its namespace, so it looks for it in " + namespace
              + " and never attaches; add namespace: " + serving.namespace() + " to its parentRef");
        }
      }
      if (serving.tenantClass().usesListenerSets()) {
        for (ParentReference ref : route.getSpec().getParentRefs()) {
          if ("ListenerSet".equals(ref.getKind()) && ref.getNamespace() != null
              && !namespace.equals(ref.getNamespace())) {
            return Verdict.no(StatusReasons.LISTENER_OF_ANOTHER_NAMESPACE, "HTTPRoute "
                + route.getMetadata().getName() + " names ListenerSet " + ref.getNamespace() + "/" + ref.getName()
                + ", whose listeners admit routes of namespace " + ref.getNamespace() + " only, so it never "
                + "attaches; serve this namespace's own hostnames through its ListenerSet " + serving.placement()
                .listenerSets(namespace).stream().findFirst().orElse("(none yet)"));
          }
        }
      }
      // A route the operator rendered for a hostname no longer claimed is on its way out with the claim.
      if (RouteParents.refersTo(route, serving) && !OwnershipLabels.isOperators(route)) {
        for (String hostname : route.getSpec().getHostnames()) {
          if (!claimedInNamespace.contains(hostname)) {
            return Verdict.no(StatusReasons.HOSTNAME_NOT_CLAIMED, "HTTPRoute " + route.getMetadata().getName()
                + " serves " + hostname + ", which no TenantIngress in namespace " + namespace + " claims, so no "
                + "certificate covers it and TLS fails for it; add it to spec.hostnames");
          }
        }
      }
    }
    return Verdict.NOTHING_TO_REPORT;
  }

  /**
   * On the Gateway layout any admitted namespace can attach a route for any hostname, and the API cannot stop
   * it: a route of another namespace that names this tenant's hostname and that the Gateway accepted is
   * reported here (and, as a hostname it does not claim, on that namespace's TenantIngress).
   */
  static Verdict servedElsewhere(TenantPlan plan, GatewayInstance gateway, List<HTTPRoute> routesElsewhere) {
    Set<String> owned = plan.admitted().stream().map(HostnamePlan::hostname).collect(Collectors.toSet());
    for (HTTPRoute route : routesElsewhere) {
      // Only a route the Gateway took serves the hostname: one it refused (say, from a namespace without the
      // access label) takes nothing.
      if (!RouteParents.refersTo(route, gateway) || !GatewayApiConditions.acceptedBy(route, gateway)) {
        continue;
      }
      for (String hostname : route.getSpec().getHostnames()) {
        if (owned.contains(hostname)) {
          return Verdict.no(StatusReasons.HOSTNAME_SERVED_ELSEWHERE, "HTTPRoute " + route.getMetadata().getNamespace()
              + "/" + route.getMetadata().getName() + " of another namespace attaches to Gateway " + gateway.name()
              + " for " + hostname + ", which this TenantIngress owns; have it removed, or move the class to "
              + "tenantListeners: ListenerSet, where only this namespace's routes can attach to its hostnames");
        }
      }
    }
    return Verdict.NOTHING_TO_REPORT;
  }
}
