package io.tenantingress.desired;

import static io.tenantingress.desired.WriteStep.EVERY_NAMESPACE;
import static io.tenantingress.desired.Fixtures.DIRECT_HTTP01;
import static io.tenantingress.desired.Fixtures.defaultClass;
import static io.tenantingress.desired.Fixtures.issued;
import static io.tenantingress.desired.Fixtures.tenant;
import static io.tenantingress.desired.Fixtures.tenantWithSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.gatewayapi.ListenerSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ListenerSet layout: a namespace's hostnames on listeners of its own, past 64 per Gateway. */
class ListenerSetLayoutTest {

  private static final String LISTENER_SETS = DIRECT_HTTP01 + "tenantListeners: ListenerSet\n";

  @Test
  void theGatewayKeepsOnlyHttpForItsOwnNamespaceAndAdmitsLabelledNamespacesListenerSets() {
    ClassPlan plan = plan(issued("team-a/a.example.com"), tenant("team-a", "web", 1, "a.example.com"));
    Gateway gateway = GatewayDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    assertThat(gateway.getSpec().getListeners()).singleElement().satisfies(http -> {
      assertThat(http.getName()).isEqualTo("http");
      // No tenant's route attaches to the Gateway's port 80: each hostname has its own http listener.
      assertThat(http.getAllowedRoutes().getNamespaces().getFrom()).isEqualTo("Same");
    });
    assertThat(gateway.getSpec().getAllowedListeners().getNamespaces().getFrom()).isEqualTo("Selector");
    assertThat(gateway.getSpec().getAllowedListeners().getNamespaces().getSelector().getMatchLabels())
        .isEqualTo(Map.of("shared-gateway-access", "true"));
  }

  @Test
  void theClientTrafficPolicyStillCoversTheWholeEntryPoint() {
    ClassPlan plan = plan(issued("team-a/a.example.com"), tenant("team-a", "web", 1, "a.example.com"));
    assertThat(ClientTrafficPolicyDesiredState.render(plan, EVERY_NAMESPACE)).singleElement().satisfies(policy -> {
      assertThat(policy.getMetadata().getNamespace()).isEqualTo("gateway");
      assertThat(policy.getSpec().targetRefs()).singleElement().satisfies(target -> {
        assertThat(target.kind()).isEqualTo("Gateway");
        assertThat(target.name()).isEqualTo("shared");
      });
      assertThat(policy.getSpec().proxyProtocol().optional()).isFalse();
    });
  }

  @Test
  void eachHostnameGetsAnHttpListenerAndOnceIssuedAnHttpsListenerBoundToItAndItsNamespace() {
    ClassPlan plan = plan(issued("team-a/a.example.com"),
        tenant("team-a", "web", 1, "a.example.com", "pending.example.com"));

    ListenerSet listenerSet = ListenerSetDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    assertThat(listenerSet.getMetadata().getNamespace() + "/" + listenerSet.getMetadata().getName())
        .isEqualTo("team-a/tenantingress-shared");
    assertThat(listenerSet.getSpec().parentRef().namespace() + "/" + listenerSet.getSpec().parentRef().name())
        .isEqualTo("gateway/shared");
    assertThat(listenerSet.getSpec().listeners()).allSatisfy(l -> assertThat(l.getAllowedRoutes().getNamespaces()
        .getFrom()).isEqualTo("Same"));
    assertThat(listenerSet.getSpec().listeners()).extracting(l -> l.getProtocol() + " " + l.getPort() + " "
        + l.getHostname()).containsExactly("HTTP 80 a.example.com", "HTTPS 443 a.example.com",
        "HTTP 80 pending.example.com");
    assertThat(listenerSet.getSpec().listeners().get(1).getName()).isEqualTo("a.example.com");
    assertThat(listenerSet.getSpec().listeners().get(1).getTls().getCertificateRefs()).singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("a.example.com"));
    // http listener names have no dot, so they never meet an https listener's, which is its hostname.
    assertThat(listenerSet.getSpec().listeners().get(0).getName()).startsWith("http-").doesNotContain(".");
  }

  @Test
  void eachListenerSetHasARedirectOnItsPort80ListenersInItsOwnNamespace() {
    ClassPlan plan = plan(issued("team-a/a.example.com"), tenant("team-a", "web", 1, "a.example.com"));
    assertThat(HttpsRedirectRouteDesiredState.render(plan, EVERY_NAMESPACE))
        .extracting(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName())
        .containsExactly("gateway/https-redirect", "team-a/tenantingress-shared");
    HTTPRoute redirect = HttpsRedirectRouteDesiredState.render(plan, EVERY_NAMESPACE).get(1);
    assertThat(redirect.getSpec().getParentRefs()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("ListenerSet");
      assertThat(ref.getGroup()).isEqualTo("gateway.networking.k8s.io");
      assertThat(ref.getName()).isEqualTo("tenantingress-shared");
      assertThat(ref.getPort()).isEqualTo(80);
      assertThat(ref.getSectionName()).isNull();
    });
    assertThat(redirect.getSpec().getHostnames()).isEmpty();
    assertThat(HttpsRedirectRouteDesiredState.isRedirect(redirect)).isTrue();
  }

  @Test
  void certificatesAndTheirIssuerLiveInTheTenantNamespace() {
    ClassPlan plan = plan(ObservedFacts.NONE, tenant("team-a", "web", 1, "a.example.com"));
    assertThat(CertificateDesiredState.render(plan, EVERY_NAMESPACE)).singleElement().satisfies(c -> {
      assertThat(c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()).isEqualTo("team-a/a.example.com");
      assertThat(c.getSpec().getSecretName()).isEqualTo("a.example.com");
    });
    Issuer issuer = IssuerDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    assertThat(issuer.getMetadata().getNamespace()).isEqualTo("team-a");
    // Challenges are answered on the hostname's own http listener, which admits no other namespace's route.
    assertThat(issuer.getSpec().getAcme().getSolvers().get(0).getHttp01().getGatewayHTTPRoute().getParentRefs())
        .singleElement().satisfies(ref -> {
          assertThat(ref.getKind() + " " + ref.getName()).isEqualTo("ListenerSet tenantingress-shared");
          assertThat(ref.getNamespace()).isNull();
          assertThat(ref.getPort()).isEqualTo(80);
        });
  }

  @Test
  void externalTlsNeedsNoGrant() {
    ClassPlan plan = plan(issued("team-a/own"),
        tenantWithSpec("team-a", "web", 1, "hostnames: [a.example.com]\ntls: {mode: External, secretName: own}"));
    assertThat(ReferenceGrantDesiredState.render(plan, EVERY_NAMESPACE)).isEmpty();
    assertThat(CertificateDesiredState.render(plan, EVERY_NAMESPACE)).isEmpty();
    assertThat(ListenerSetDesiredState.render(plan, EVERY_NAMESPACE).get(0).getSpec().listeners().get(1).getTls()
        .getCertificateRefs()
        .get(0).getName()).isEqualTo("own");
  }

  @Test
  void routesAttachToTheirHostnamesListener() {
    ClassPlan plan = plan(issued("team-a/a.example.com"), tenantWithSpec("team-a", "web", 1,
        "hostnames: [a.example.com]\nroutes: [{hostname: a.example.com, service: web, port: 80}]"));
    HTTPRoute route = TenantRouteDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    assertThat(route.getSpec().getParentRefs()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("ListenerSet");
      assertThat(ref.getName()).isEqualTo("tenantingress-shared");
      assertThat(ref.getNamespace()).isEqualTo("team-a");
      assertThat(ref.getSectionName()).isEqualTo("a.example.com");
    });
  }

  @Test
  void aNamespacePast32HostnamesSpillsIntoAnotherListenerSetAndNothingIsDenied() {
    List<String> hostnames = new ArrayList<>();
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      hostnames.add("h" + String.format("%02d", i) + ".example.com");
      issued.add("team-a/h" + String.format("%02d", i) + ".example.com");
    }
    ClassPlan plan = plan(issued(issued.toArray(String[]::new)),
        tenant("team-a", "web", 1, hostnames.toArray(String[]::new)));

    assertThat(plan.hostnamesOverCapacity()).isEmpty();
    assertThat(plan.tenants().get(0).hostnames()).allSatisfy(h -> assertThat(h.state()).isEqualTo(HostnameState.Ready));
    List<ListenerSet> sets = ListenerSetDesiredState.render(plan, EVERY_NAMESPACE);
    // 64 listeners per ListenerSet (a Gateway API limit), two per hostname.
    assertThat(sets).extracting(s -> s.getMetadata().getName())
        .containsExactly("tenantingress-shared", "tenantingress-shared-2", "tenantingress-shared-3");
    assertThat(sets.get(0).getSpec().listeners()).hasSize(64);
    assertThat(sets.get(2).getSpec().listeners()).extracting(Listener::getHostname).containsExactly(
        "h64.example.com", "h64.example.com", "h65.example.com", "h65.example.com", "h66.example.com",
        "h66.example.com", "h67.example.com", "h67.example.com", "h68.example.com", "h68.example.com",
        "h69.example.com", "h69.example.com");
    assertThat(HttpsRedirectRouteDesiredState.render(plan, EVERY_NAMESPACE)).hasSize(4);
  }

  @Test
  void aDedicatedClassCannotUseListenerSets() {
    EffectiveClass dedicated = EffectiveClass.of(defaultClass("d", DIRECT_HTTP01 + "layout: Dedicated\n"));
    assertThat(dedicated.usesListenerSets()).isFalse();
  }

  @Test
  void movingToListenerSetsKeepsAHostnameOnTheGatewayUntilItsNewCertificateIsIssued() {
    TenantIngress tenant = tenantWithSpec("team-a", "web", 1,
        "hostnames: [a.example.com]\nroutes: [{hostname: a.example.com, service: web, port: 80}]");
    ClassPlan moving = plan(issued("gateway/team-a.a.example.com"), tenant);

    HostnamePlan hostname = moving.tenants().get(0).hostnames().get(0);
    assertThat(hostname.state()).isEqualTo(HostnameState.Ready);
    assertThat(hostname.bridge()).isEqualTo(new SecretRef("gateway", "team-a.a.example.com"));
    assertThat(GatewayDesiredState.render(moving, EVERY_NAMESPACE).get(0).getSpec().getListeners())
        .extracting(Listener::getName)
        .containsExactly("http", "https");
    // Port 80 moves at once (the new certificate is validated there); https stays on the Gateway meanwhile.
    assertThat(ListenerSetDesiredState.render(moving, EVERY_NAMESPACE)).singleElement()
        .satisfies(set -> assertThat(set.getSpec().listeners()).extracting(Listener::getProtocol)
            .containsExactly("HTTP"));
    assertThat(CertificateDesiredState.render(moving, EVERY_NAMESPACE))
        .extracting(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName())
        .containsExactlyInAnyOrder("team-a/a.example.com", "gateway/team-a.a.example.com");
    assertThat(TenantRouteDesiredState.render(moving, EVERY_NAMESPACE).get(0).getSpec().getParentRefs().get(0)
        .getName()).isEqualTo("shared");

    ClassPlan moved = plan(issued("gateway/team-a.a.example.com", "team-a/a.example.com"), tenant);
    assertThat(GatewayDesiredState.render(moved, EVERY_NAMESPACE).get(0).getSpec().getListeners())
        .extracting(Listener::getName)
        .containsExactly("http");
    assertThat(ListenerSetDesiredState.render(moved, EVERY_NAMESPACE)).hasSize(1);
    assertThat(CertificateDesiredState.render(moved, EVERY_NAMESPACE)).extracting(c -> c.getMetadata().getName())
        .containsExactly("a.example.com");
    assertThat(TenantRouteDesiredState.render(moved, EVERY_NAMESPACE).get(0).getSpec().getParentRefs().get(0).getKind())
        .isEqualTo("ListenerSet");
  }

  @Test
  void movingBackKeepsAHostnameOnItsListenerSetUntilTheGatewaysCertificateIsIssued() {
    TenantIngress tenant = tenant("team-a", "web", 1, "a.example.com");
    ClassPlan moving = TenantIngressPlanner.plan(List.of(defaultClass("public", DIRECT_HTTP01)), List.of(tenant),
        issued("team-a/a.example.com")).classes().get(0);

    assertThat(moving.tenants().get(0).hostnames().get(0).bridge()).isEqualTo(new SecretRef("team-a",
        "a.example.com"));
    assertThat(ListenerSetDesiredState.render(moving, EVERY_NAMESPACE)).singleElement().satisfies(set ->
        assertThat(set.getSpec().listeners().get(0).getTls().getCertificateRefs().get(0).getName())
            .isEqualTo("a.example.com"));
    assertThat(GatewayDesiredState.render(moving, EVERY_NAMESPACE).get(0).getSpec().getListeners())
        .extracting(Listener::getName)
        .containsExactly("http");
  }

  private static ClassPlan plan(ObservedFacts facts, TenantIngress... tenants) {
    return TenantIngressPlanner.plan(List.of(defaultClass("public", LISTENER_SETS)), List.of(tenants), facts)
        .classes().get(0);
  }
}
