package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.List;

/**
 * One HTTPRoute per Gateway on its http listener that answers every host with a 301 to https. ACME HTTP-01
 * challenges still pass: cert-manager's challenge route matches the longer /.well-known/acme-challenge/ path,
 * which wins over this route's /.
 */
public final class HttpsRedirectRouteDesiredState {

  private HttpsRedirectRouteDesiredState() {
  }

  public static List<HTTPRoute> render(ClassPlan plan) {
    if (!plan.tenantClass().httpsRedirect()) {
      return List.of();
    }
    return GatewayInstance.of(plan).stream().map(HttpsRedirectRouteDesiredState::route).toList();
  }

  private static HTTPRoute route(GatewayInstance gateway) {
    return new HTTPRouteBuilder()
        .withNewMetadata().withName(ResourceNames.HTTPS_REDIRECT_ROUTE).withNamespace(gateway.namespace())
        .withLabels(gateway.labels()).endMetadata()
        .withNewSpec()
        .addNewParentRef().withName(gateway.name()).withNamespace(gateway.namespace())
        .withSectionName(GatewayDesiredState.HTTP_LISTENER).endParentRef()
        .addNewRule().addNewFilter().withType("RequestRedirect")
        .withNewRequestRedirect().withScheme("https").withStatusCode(301).endRequestRedirect()
        .endFilter().endRule()
        .endSpec()
        .build();
  }
}
