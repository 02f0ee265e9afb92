package io.tenantingress.status;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;
import java.util.Map;

/**
 * The HTTPRoutes cert-manager writes to answer an HTTP-01 challenge through the Gateway: one per challenge, in the
 * namespace of the Certificate, for its hostname, removed once the challenge is over. They serve only
 * {@code /.well-known/acme-challenge/<token>}, so they neither serve a hostname nor take it from its owner.
 * cert-manager marks them with a label and makes the Challenge their controller; both must hold, so that a route
 * that merely copies the label is still judged like any other.
 */
public final class AcmeSolverRoutes {

  static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
  private static final String ACME_GROUP = "acme.cert-manager.io/";

  private AcmeSolverRoutes() {
  }

  public static boolean isSolverRoute(HTTPRoute route) {
    Map<String, String> labels = route.getMetadata().getLabels();
    List<OwnerReference> owners = route.getMetadata().getOwnerReferences();
    return labels != null && "true".equals(labels.get(SOLVER_LABEL)) && owners != null && owners.stream()
        .anyMatch(o -> "Challenge".equals(o.getKind()) && o.getApiVersion() != null
            && o.getApiVersion().startsWith(ACME_GROUP) && Boolean.TRUE.equals(o.getController()));
  }

  /** The routes that serve traffic: everything but cert-manager's challenge routes. */
  static List<HTTPRoute> serving(List<HTTPRoute> routes) {
    return routes.stream().filter(r -> !isSolverRoute(r)).toList();
  }

  /** cert-manager's challenge routes among these, for one hostname. */
  static List<HTTPRoute> solving(String hostname, List<HTTPRoute> routes) {
    return routes.stream().filter(AcmeSolverRoutes::isSolverRoute)
        .filter(r -> r.getSpec().getHostnames().contains(hostname)).toList();
  }
}
