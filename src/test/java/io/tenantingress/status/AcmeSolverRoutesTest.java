package io.tenantingress.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcmeSolverRoutesTest {

  @Test
  void aSolverRouteCarriesTheLabelAndIsControlledByAChallenge() {
    assertThat(AcmeSolverRoutes.isSolverRoute(route(Map.of("acme.cert-manager.io/http01-solver", "true"),
        "acme.cert-manager.io/v1", "Challenge", true))).isTrue();
  }

  @Test
  void theLabelAloneOrAChallengeThatIsNotTheControllerIsNotEnough() {
    assertThat(AcmeSolverRoutes.isSolverRoute(route(Map.of("acme.cert-manager.io/http01-solver", "true"),
        null, null, false))).isFalse();
    assertThat(AcmeSolverRoutes.isSolverRoute(route(Map.of("acme.cert-manager.io/http01-solver", "true"),
        "acme.cert-manager.io/v1", "Challenge", false))).isFalse();
    assertThat(AcmeSolverRoutes.isSolverRoute(route(Map.of("acme.cert-manager.io/http01-solver", "true"),
        "example.com/v1", "Challenge", true))).isFalse();
    assertThat(AcmeSolverRoutes.isSolverRoute(route(Map.of(), "acme.cert-manager.io/v1", "Challenge", true)))
        .isFalse();
  }

  private static HTTPRoute route(Map<String, String> labels, String apiVersion, String kind, boolean controller) {
    var builder = new HTTPRouteBuilder().withNewMetadata().withName("r").withNamespace("ns").withLabels(labels)
        .endMetadata().withNewSpec().withHostnames("a.example.com").endSpec();
    HTTPRoute route = builder.build();
    if (kind != null) {
      route.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
          .withApiVersion(apiVersion).withKind(kind).withName("c").withUid("u").withController(controller).build()));
    }
    return route;
  }
}
