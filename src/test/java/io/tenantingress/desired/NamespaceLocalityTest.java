package io.tenantingress.desired;

import static io.tenantingress.desired.Fixtures.DIRECT_HTTP01;
import static io.tenantingress.desired.Fixtures.DNS01_CERTIFICATES;
import static io.tenantingress.desired.Fixtures.defaultClass;
import static io.tenantingress.desired.Fixtures.issued;
import static io.tenantingress.desired.Fixtures.tenant;
import static io.tenantingress.desired.Fixtures.tenantWithSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tenantingress.api.v1alpha1.TenantIngress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a pass may leave out rests on this ({@link WriteStep}): the objects in a tenant namespace follow from the
 * class and that namespace's tenants alone, on every layout, and rendering one namespace renders exactly what
 * rendering the whole class puts there.
 */
class NamespaceLocalityTest {

  private static final String ROUTES = "\nroutes: [{hostname: a.example.com, service: web, port: 80}]";

  private static final TenantIngress WEB = tenantWithSpec("team-a", "web", 1,
      "hostnames: [a.example.com, www.a.example.com]" + ROUTES);
  private static final TenantIngress OWN_CERTIFICATE = tenantWithSpec("team-a", "own", 2,
      "hostnames: [own.a.example.com]\ntls: {mode: External, secretName: own-tls}");
  private static final TenantIngress TEAM_B = tenant("team-b", "web", 3, "b.example.com");
  private static final TenantIngress TEAM_C = tenantWithSpec("team-c", "web", 4,
      "hostnames: [c.example.com]\nroutes: [{hostname: c.example.com, service: web, port: 80}]");

  /** Some certificates issued on each layout, so that both pending and ready hostnames are rendered. */
  private static final ObservedFacts FACTS = issued("team-a/a.example.com", "gateway/team-a.a.example.com",
      "team-b/b.example.com", "gateway/team-b.b.example.com", "team-c/c.example.com");

  @ParameterizedTest
  @ValueSource(strings = {"listenerSets", "gatewayLayout", "dedicated", "dns01ListenerSets"})
  void renderingOneNamespaceRendersWhatTheWholeClassPutsThere(String classSpec) {
    ClassPlan plan = plan(classSpec, WEB, OWN_CERTIFICATE, TEAM_B, TEAM_C);
    List<HasMetadata> all = WriteStep.renderAll(plan).toList();

    for (String namespace : List.of("team-a", "team-b", "team-c", "gateway")) {
      List<HasMetadata> alone = Stream.of(WriteStep.values())
          .flatMap(step -> step.render(plan, namespace::equals).stream()).toList();
      assertThat(alone).as(namespace).isEqualTo(in(namespace, all));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"listenerSets", "gatewayLayout", "dedicated", "dns01ListenerSets"})
  void otherNamespacesComingChangingAndGoingChangeNothingInANamespace(String classSpec) {
    ClassPlan before = plan(classSpec, WEB, OWN_CERTIFICATE, TEAM_B, TEAM_C);
    ClassPlan after = plan(classSpec, WEB, OWN_CERTIFICATE, tenant("team-b", "web", 3, "b.example.com",
        "b2.example.com"), tenant("team-b", "api", 5, "api.b.example.com"), tenant("team-d", "web", 6,
        "d.example.com"));

    assertThat(in("team-a", WriteStep.renderAll(after).toList()))
        .isEqualTo(in("team-a", WriteStep.renderAll(before).toList()))
        .isNotEmpty();
  }

  private static List<HasMetadata> in(String namespace, List<HasMetadata> objects) {
    return objects.stream().filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList();
  }

  private static ClassPlan plan(String classSpec, TenantIngress... tenants) {
    String spec = switch (classSpec) {
      case "listenerSets" -> DIRECT_HTTP01 + "tenantListeners: ListenerSet\n";
      case "gatewayLayout" -> DIRECT_HTTP01;
      case "dedicated" -> DIRECT_HTTP01 + "layout: Dedicated\n";
      case "dns01ListenerSets" -> DNS01_CERTIFICATES + "clientIP: {proxyProtocol: {}}\ntenantListeners: ListenerSet\n";
      default -> throw new IllegalArgumentException(classSpec);
    };
    return TenantIngressPlanner.plan(List.of(defaultClass("public", spec)), List.of(tenants), FACTS)
        .classes().get(0);
  }
}
