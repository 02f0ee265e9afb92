package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The HTTPRoutes that answer every host on port 80 with a 301 to https: one per Gateway on its http listener and,
 * with ListenerSets, one per tenant ListenerSet on its hostnames' http listeners (in the tenant namespace, named
 * after the ListenerSet), since a request for a hostname is matched by that hostname's own listener. ACME HTTP-01
 * challenges still pass: cert-manager's challenge route matches the longer /.well-known/acme-challenge/ path,
 * which wins over this route's /.
 */
public final class HttpsRedirectRouteDesiredState {

  private HttpsRedirectRouteDesiredState() {
  }

  public static List<HTTPRoute> render(ClassPlan plan, Predicate<String> namespaces) {
    if (!plan.tenantClass().httpsRedirect()) {
      return List.of();
    }
    List<HTTPRoute> routes = new ArrayList<>();
    for (GatewayInstance gateway : GatewayInstance.of(plan)) {
      if (namespaces.test(gateway.namespace())) {
        routes.add(redirect(gateway.namespace(), ResourceNames.HTTPS_REDIRECT_ROUTE, gateway.labels(),
            new ParentReferenceBuilder().withName(gateway.name()).withNamespace(gateway.namespace())
                .withSectionName(GatewayDesiredState.HTTP_LISTENER).build()));
      }
      if (plan.tenantClass().usesListenerSets()) {
        gateway.placement().byNamespace().forEach((namespace, sets) -> {
          if (namespaces.test(namespace)) {
            sets.keySet().forEach(listenerSet -> routes.add(redirect(namespace, listenerSet,
                OwnershipLabels.forNamespace(plan.tenantClass().name(), namespace), new ParentReferenceBuilder()
                    .withGroup(ClientTrafficPolicyDesiredState.GATEWAY_API_GROUP).withKind("ListenerSet")
                    .withName(listenerSet).withPort(plan.tenantClass().httpPort()).build())));
          }
        });
      }
    }
    return routes;
  }

  /**
   * Whether a route is one of these: the operator's, and rendered for no TenantIngress in particular. It serves
   * no hostname, so a tenant's status never counts it as the route of one.
   */
  public static boolean isRedirect(HTTPRoute route) {
    return OwnershipLabels.isOperators(route)
        && !route.getMetadata().getLabels().containsKey(OwnershipLabels.TENANT_NAME);
  }

  private static HTTPRoute redirect(String namespace, String name, Map<String, String> labels,
      ParentReference parent) {
    return new HTTPRouteBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
        .withNewSpec()
        .withParentRefs(parent)
        .addNewRule().addNewFilter().withType("RequestRedirect")
        .withNewRequestRedirect().withScheme("https").withStatusCode(301).endRequestRedirect()
        .endFilter().endRule()
        .endSpec()
        .build();
  }
}
