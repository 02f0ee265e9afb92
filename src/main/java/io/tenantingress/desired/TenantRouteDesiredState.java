package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.tenantingress.api.v1alpha1.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The {@code routes} convenience: one HTTPRoute per hostname in the tenant namespace, with a rule per path,
 * attached to the class's Gateway on its https listener with the Gateway's namespace always spelled out (the
 * "forgot the namespace" mistake cannot happen). Only admitted hostnames get routes.
 */
public final class TenantRouteDesiredState {

  private TenantRouteDesiredState() {
  }

  public static List<HTTPRoute> render(ClassPlan plan, Predicate<String> namespaces) {
    List<HTTPRoute> routes = new ArrayList<>();
    ListenerSetPlacement placement = plan.placement();
    for (GatewayInstance gateway : GatewayInstance.of(plan)) {
      for (TenantPlan tenant : gateway.tenants()) {
        List<Route> wanted = tenant.tenant().getSpec().routes();
        if (wanted == null || !namespaces.test(tenant.namespace())) {
          continue;
        }
        Map<String, List<Route>> byHostname = new LinkedHashMap<>();
        wanted.forEach(r -> byHostname.computeIfAbsent(r.hostname(), k -> new ArrayList<>()).add(r));
        tenant.admitted().stream().filter(h -> byHostname.containsKey(h.hostname()))
            .forEach(h -> routes.add(route(gateway, placement, tenant, h.hostname(), byHostname.get(h.hostname()))));
      }
    }
    return routes;
  }

  private static HTTPRoute route(GatewayInstance gateway, ListenerSetPlacement placement, TenantPlan tenant,
      String hostname, List<Route> wanted) {
    List<HTTPRouteRule> rules = wanted.stream().map(r -> new HTTPRouteRuleBuilder()
        .addNewMatch().withNewPath().withType("PathPrefix")
        .withValue(Objects.requireNonNullElse(r.path(), Route.DEFAULT_PATH)).endPath().endMatch()
        .addNewBackendRef().withName(r.service()).withPort(r.port()).endBackendRef()
        .build()).toList();
    return new HTTPRouteBuilder()
        .withNewMetadata().withName(ResourceNames.tenantRouteName(hostname)).withNamespace(tenant.namespace())
        .withLabels(OwnershipLabels.forTenant(gateway.tenantClass().name(), tenant.ref())).endMetadata()
        .withNewSpec()
        .withParentRefs(placement.place(tenant.namespace(), hostname)
            .map(place -> new ParentReferenceBuilder().withGroup(ClientTrafficPolicyDesiredState.GATEWAY_API_GROUP)
                .withKind("ListenerSet").withName(place.listenerSet()).withNamespace(place.namespace())
                .withSectionName(place.listener()).build())
            .orElseGet(() -> new ParentReferenceBuilder().withName(gateway.name()).withNamespace(gateway.namespace())
                .withSectionName(GatewayDesiredState.HTTPS_LISTENER).build()))
        .withHostnames(hostname)
        .withRules(rules)
        .endSpec()
        .build();
  }
}
