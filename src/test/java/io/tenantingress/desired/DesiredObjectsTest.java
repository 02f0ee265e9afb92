package io.tenantingress.desired;

import static io.tenantingress.desired.WriteStep.EVERY_NAMESPACE;
import static io.tenantingress.desired.Fixtures.DIRECT_HTTP01;
import static io.tenantingress.desired.Fixtures.defaultClass;
import static io.tenantingress.desired.Fixtures.issued;
import static io.tenantingress.desired.Fixtures.tenant;
import static io.tenantingress.desired.Fixtures.tenantWithSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.envoy.ClientTrafficPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What each managed kind renders for the modes and options the walkthroughs do not cover. */
class DesiredObjectsTest {

  @Test
  void theSharedGatewayHasNoHttpsListenerUntilSomeCertificateIsIssued() {
    ClassPlan plan = classPlan(DIRECT_HTTP01, ObservedFacts.NONE, tenant("team-a", "web", 1, "a.example.com"));

    Gateway gateway = GatewayDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    assertThat(gateway.getSpec().getListeners()).extracting(Listener::getName).containsExactly("http");
    assertThat(CertificateDesiredState.render(plan, EVERY_NAMESPACE)).hasSize(1);
  }

  @Test
  void theSharedGatewayExistsWithoutTenants() {
    ClassPlan plan = classPlan(DIRECT_HTTP01, ObservedFacts.NONE);
    assertThat(GatewayDesiredState.render(plan, EVERY_NAMESPACE)).singleElement()
        .satisfies(g -> assertThat(g.getSpec().getListeners()).hasSize(1));
    assertThat(CertificateDesiredState.render(plan, EVERY_NAMESPACE)).isEmpty();
  }

  @Test
  void certificateRefsListOnlyIssuedSecretsSorted() {
    ClassPlan plan = classPlan(DIRECT_HTTP01, issued("gateway/team-b.b.example.com", "gateway/team-a.z.example.com"),
        tenant("team-b", "web", 1, "b.example.com"),
        tenant("team-a", "web", 2, "z.example.com", "pending.example.com"));

    assertThat(httpsListener(GatewayDesiredState.render(plan, EVERY_NAMESPACE).get(0)).getTls().getCertificateRefs())
        .extracting(SecretObjectReference::getName)
        .containsExactly("team-a.z.example.com", "team-b.b.example.com");
  }

  @Test
  void externalTlsOnTheSharedGatewayIsReferencedAcrossNamespacesWithAGrantForExactlyThatSecret() {
    ClassPlan plan = classPlan(DIRECT_HTTP01, issued("team-a/own-tls"), tenantWithSpec("team-a", "web", 1,
        "hostnames: [a.example.com, www.a.example.com]\ntls: {mode: External, secretName: own-tls}"));

    assertThat(httpsListener(GatewayDesiredState.render(plan, EVERY_NAMESPACE).get(0)).getTls()
        .getCertificateRefs()).singleElement()
        .satisfies(ref -> {
          assertThat(ref.getNamespace()).isEqualTo("team-a");
          assertThat(ref.getName()).isEqualTo("own-tls");
        });
    assertThat(CertificateDesiredState.render(plan, EVERY_NAMESPACE)).isEmpty();
    ReferenceGrant grant = ReferenceGrantDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    assertThat(grant.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(grant.getSpec().getFrom()).singleElement().satisfies(from -> {
      assertThat(from.getKind()).isEqualTo("Gateway");
      assertThat(from.getNamespace()).isEqualTo("gateway");
    });
    assertThat(grant.getSpec().getTo()).singleElement().satisfies(to -> {
      assertThat(to.getKind()).isEqualTo("Secret");
      assertThat(to.getName()).isEqualTo("own-tls");
    });
  }

  @Test
  void proxyModesRenderClientIpDetectionAndNeverProxyProtocol() {
    ClientTrafficPolicy hops = policy("clientIP: {xForwardedFor: {trustedCIDRs: [203.0.113.0/24]}}");
    assertThat(hops.getSpec().proxyProtocol()).isNull();
    assertThat(hops.getSpec().clientIPDetection().xForwardedFor().trustedCIDRs()).containsExactly("203.0.113.0/24");

    ClientTrafficPolicy header = policy("clientIP: {customHeader: {name: X-Real-IP, failClosed: true}}");
    assertThat(header.getSpec().clientIPDetection().customHeader().name()).isEqualTo("X-Real-IP");
    assertThat(header.getSpec().clientIPDetection().customHeader().failClosed()).isTrue();
    assertThat(header.getSpec().clientIPDetection().xForwardedFor()).isNull();
  }

  @Test
  void aDns01SolverIsPassedToTheIssuerAsWritten() {
    ClassPlan plan = classPlan("clientIP: {proxyProtocol: {}}\n" + Fixtures.DNS01_CERTIFICATES, ObservedFacts.NONE);

    Issuer issuer = IssuerDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    assertThat(issuer.getMetadata().getName()).isEqualTo("letsencrypt-dns01");
    var dns01 = issuer.getSpec().getAcme().getSolvers().get(0).getDns01();
    assertThat(dns01.getCnameStrategy()).isEqualTo("Follow");
    assertThat(dns01.getCloudflare().getApiTokenSecretRef().getName()).isEqualTo("cf");
  }

  @Test
  void anExistingClusterIssuerIsUsedAndNoIssuerRendered() {
    ClassPlan plan = classPlan("""
        clientIP: {proxyProtocol: {}}
        certificates: {issuerRef: {kind: ClusterIssuer, name: corporate-ca}}
        httpsRedirect: false
        """, ObservedFacts.NONE, tenant("team-a", "web", 1, "a.example.com"));

    assertThat(IssuerDesiredState.render(plan, EVERY_NAMESPACE)).isEmpty();
    assertThat(HttpsRedirectRouteDesiredState.render(plan, EVERY_NAMESPACE)).isEmpty();
    Certificate certificate = CertificateDesiredState.render(plan, EVERY_NAMESPACE).get(0);
    assertThat(certificate.getSpec().getIssuerRef().getKind()).isEqualTo("ClusterIssuer");
    assertThat(certificate.getSpec().getIssuerRef().getName()).isEqualTo("corporate-ca");
  }

  @Test
  void namespacesThatOwnAHostnameGetTheClasssAccessLabel() {
    Plan plan = TenantIngressPlanner.plan(List.of(defaultClass("public", DIRECT_HTTP01
            + "accessLabel: {key: example.com/ingress, value: public}\ngateway: {namespace: edge, name: main}\n")),
        List.of(tenant("team-a", "web", 1, "a.example.com"), tenant("squatter", "web", 2, "a.example.com")),
        ObservedFacts.NONE);

    // squatter's only hostname is in conflict: it owns no traffic, so it gets no access to the shared listeners.
    assertThat(NamespaceMetadataDesiredState.render(plan)).extracting(Namespace::getMetadata)
        .extracting(m -> m.getName() + " " + m.getLabels())
        .containsExactly("edge {example.com/ingress=public}", "team-a {example.com/ingress=public}");
    Gateway gateway = GatewayDesiredState.render(plan.classes().get(0), EVERY_NAMESPACE).get(0);
    assertThat(gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName()).isEqualTo("edge/main");
    assertThat(gateway.getSpec().getListeners().get(0).getAllowedRoutes().getNamespaces().getSelector()
        .getMatchLabels()).isEqualTo(Map.of("example.com/ingress", "public"));
  }

  @Test
  void aNamespaceWhoseMetadataIsUnchangedIsTheEarlierRendersObject() {
    TenantIngressClass shared = defaultClass("public", DIRECT_HTTP01 + "gateway: {namespace: edge, name: main}\n");
    Plan before = TenantIngressPlanner.plan(List.of(shared), List.of(tenant("team-a", "web", 1, "a.example.com"),
        tenant("team-b", "web", 2, "b.example.com")), ObservedFacts.NONE);
    Plan after = TenantIngressPlanner.plan(List.of(shared), List.of(tenant("team-a", "web", 1, "a.example.com"),
        tenant("team-b", "web", 2, "b.example.com", "c.example.com")), ObservedFacts.NONE);
    Map<String, Namespace> earlier = NamespaceMetadataDesiredState.render(before).stream()
        .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));

    List<Namespace> rendered = NamespaceMetadataDesiredState.render(after, earlier::get);

    assertThat(rendered).isEqualTo(NamespaceMetadataDesiredState.render(after));
    assertThat(rendered.get(0)).isSameAs(earlier.get("edge"));
    assertThat(rendered.get(1)).isSameAs(earlier.get("team-a"));
    assertThat(rendered.get(2)).isNotSameAs(earlier.get("team-b")).extracting(n -> n.getMetadata().getAnnotations())
        .isEqualTo(Map.of(NamespaceMetadataDesiredState.OWNED_HOSTNAMES, "b.example.com c.example.com"));
  }

  @Test
  void aDedicatedListenerIsNarrowedOnlyWhenAllHostnamesShareAParent() {
    String dedicated = DIRECT_HTTP01 + "layout: Dedicated\n";
    ClassPlan mixed = classPlan(dedicated, issued("team-a/team-a-tls"),
        tenant("team-a", "web", 1, "a.example.com", "b.example.org"));
    assertThat(httpsListener(GatewayDesiredState.render(mixed, EVERY_NAMESPACE).get(0)).getHostname()).isNull();

    ClassPlan siblings = classPlan(dedicated, issued("team-a/team-a-tls"),
        tenant("team-a", "web", 1, "a.team-a.example.com", "*.team-a.example.com"));
    assertThat(httpsListener(GatewayDesiredState.render(siblings, EVERY_NAMESPACE).get(0)).getHostname())
        .isEqualTo("*.team-a.example.com");
  }

  @Test
  void routesAreRenderedOnlyForAdmittedHostnamesWithTheGatewayNamespaceSpelledOut() {
    ClassPlan plan = classPlan(DIRECT_HTTP01, ObservedFacts.NONE,
        tenant("team-a", "web", 1, "a.example.com"),
        tenantWithSpec("team-b", "web", 2, """
            hostnames: [a.example.com, b.example.com]
            routes:
              - {hostname: a.example.com, service: web, port: 80}
              - {hostname: b.example.com, service: web, port: 80}
              - {hostname: b.example.com, path: /api, service: api, port: 8080}
            """));

    List<HTTPRoute> routes = TenantRouteDesiredState.render(plan, EVERY_NAMESPACE);
    assertThat(routes).singleElement().satisfies(route -> {
      assertThat(route.getMetadata().getName()).isEqualTo("b.example.com");
      assertThat(route.getSpec().getParentRefs().get(0).getNamespace()).isEqualTo("gateway");
      assertThat(route.getSpec().getRules()).extracting(r -> r.getMatches().get(0).getPath().getValue())
          .containsExactly("/", "/api");
    });
  }

  @Test
  void everyObjectSaysWhoManagesItAndForWhichClass() {
    ClassPlan plan = classPlan(DIRECT_HTTP01, issued("gateway/team-a.a.example.com"), tenantWithSpec("team-a",
        "web", 1, "hostnames: [a.example.com]\nroutes: [{hostname: a.example.com, service: web, port: 80}]"));

    List<HasMetadata> objects = DesiredObjects.forClass(plan);
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Issuer", "Certificate", "Gateway",
        "ClientTrafficPolicy", "HTTPRoute", "HTTPRoute");
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
        .containsEntry(OwnershipLabels.MANAGED_BY, OwnershipLabels.OPERATOR)
        .containsEntry(OwnershipLabels.CLASS, "public"));
    assertThat(objects).filteredOn(o -> o.getMetadata().getNamespace().equals("team-a")
            || o.getKind().equals("Certificate"))
        .allSatisfy(o -> assertThat(o.getMetadata().getLabels())
            .containsEntry(OwnershipLabels.TENANT_NAMESPACE, "team-a").containsEntry(OwnershipLabels.TENANT_NAME, "web"));
  }

  @Test
  void objectsThatNameEachOtherAreInLaterStepsAndTheRestWrittenTogether() {
    ClassPlan plan = classPlan(DIRECT_HTTP01, issued("gateway/team-a.a.example.com"), tenantWithSpec("team-a",
        "web", 1, "hostnames: [a.example.com]\nroutes: [{hostname: a.example.com, service: web, port: 80}]"));

    List<List<HasMetadata>> steps = Stream.of(WriteStep.values()).map(step -> step.render(plan, EVERY_NAMESPACE))
        .toList();

    assertThat(steps).map(step -> step.stream().map(HasMetadata::getKind).toList()).containsExactly(List.of(),
        List.of("Issuer"), List.of("Certificate"), List.of("Gateway"), List.of("ClientTrafficPolicy"),
        List.of("HTTPRoute", "HTTPRoute"));
    assertThat(DesiredObjects.forClass(plan)).containsExactlyElementsOf(steps.stream().flatMap(List::stream).toList());
  }

  @Test
  void noObjectCarriesArgoCdsTrackingLabelOrAnnotation() {
    TenantIngress tracked = tenantWithSpec("team-a", "web", 1,
        "hostnames: [a.example.com]\nroutes: [{hostname: a.example.com, service: web, port: 80}]");
    tracked.getMetadata().setLabels(Map.of("app.kubernetes.io/instance", "team-a-app"));
    tracked.getMetadata().setAnnotations(Map.of("argocd.argoproj.io/tracking-id", "team-a-app:x/y:team-a/web"));
    Plan plan = TenantIngressPlanner.plan(List.of(defaultClass("public", DIRECT_HTTP01)), List.of(tracked),
        issued("gateway/team-a.a.example.com"));

    assertThat(DesiredObjects.all(plan)).isNotEmpty().allSatisfy(o -> {
      assertThat(o.getMetadata().getLabels()).doesNotContainKey("app.kubernetes.io/instance");
      assertThat(o.getMetadata().getAnnotations()).satisfiesAnyOf(a -> assertThat(a).isNull(),
          a -> assertThat(a).doesNotContainKey("argocd.argoproj.io/tracking-id"));
    });
  }

  private static ClientTrafficPolicy policy(String clientIp) {
    return ClientTrafficPolicyDesiredState.render(classPlan(clientIp + "\n"
        + "certificates: {issuerRef: {kind: ClusterIssuer, name: le}}\n", ObservedFacts.NONE), EVERY_NAMESPACE).get(0);
  }

  private static Listener httpsListener(Gateway gateway) {
    return gateway.getSpec().getListeners().stream().filter(l -> l.getName().equals("https")).findFirst()
        .orElseThrow();
  }

  private static ClassPlan classPlan(String classSpec, ObservedFacts facts, TenantIngress... tenants) {
    return TenantIngressPlanner.plan(List.of(defaultClass("public", classSpec)), List.of(tenants), facts)
        .classes().get(0);
  }
}
