package io.tenantingress.desired;

import static io.tenantingress.desired.Fixtures.tenant;
import static io.tenantingress.desired.Fixtures.tenantClass;
import static io.tenantingress.desired.Fixtures.tenantWithSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantListeners;
import io.tenantingress.testing.KubernetesExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the renderers produce is accepted by the upstream CRDs' own validation (Gateway API, Envoy Gateway,
 * cert-manager) on the real API server, in every layout and mode, at the listener's capacity.
 */
@ExtendWith(KubernetesExtension.class)
class RenderedObjectsAdmissionIT {

  static Stream<Arguments> scenarios() {
    List<TenantIngress> full = new ArrayList<>();
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      full.add(tenant("cap-" + i, "web", i, "h" + i + ".cap.example.com"));
      issued.add("cap-gw/cap-" + i + ".h" + i + ".cap.example.com");
    }
    List<TenantIngress> wide = new ArrayList<>();
    List<String> wideIssued = new ArrayList<>();
    for (int ns = 0; ns < 50; ns++) {
      List<String> hostnames = new ArrayList<>();
      for (int h = 0; h < 4; h++) {
        hostnames.add("h" + h + ".ns" + ns + ".ls.example.com");
        wideIssued.add("ls-" + ns + "/h" + h + ".ns" + ns + ".ls.example.com");
      }
      wide.add(tenantWithSpec("ls-" + ns, "web", ns, "className: ls\nhostnames: [" + String.join(", ", hostnames)
          + "]\nroutes: [{hostname: " + hostnames.get(0) + ", service: web, port: 80}]"));
    }
    List<String> spill = new ArrayList<>();
    List<String> spillIssued = new ArrayList<>();
    for (int h = 0; h < 70; h++) {
      spill.add("h" + h + ".spill.example.com");
      spillIssued.add("ls-spill/h" + h + ".spill.example.com");
    }
    String listenerSetClass = """
        clientIP: {proxyProtocol: {}}
        tenantListeners: ListenerSet
        gateway: {namespace: %s}
        certificates:
          acme: {server: "https://acme.example.com/directory", email: a@example.com, solver: {http01: {}}}
        """;
    return Stream.of(
        Arguments.of("ListenerSets: 200 hostnames across 50 namespaces",
            tenantClass("ls", 0, listenerSetClass.formatted("ls-gw")), wide,
            Fixtures.issued(wideIssued.toArray(String[]::new))),
        Arguments.of("ListenerSets: 70 hostnames in one namespace spill into a second ListenerSet",
            tenantClass("ls-spill", 0, listenerSetClass.formatted("ls-spill-gw")),
            List.of(tenantWithSpec("ls-spill", "web", 1, "className: ls-spill\nhostnames: ["
                + String.join(", ", spill) + "]")), Fixtures.issued(spillIssued.toArray(String[]::new))),
        Arguments.of("shared, direct, HTTP-01, routes, issued and pending", tenantClass("adm-shared", 0, """
                clientIP: {proxyProtocol: {}}
                gateway: {namespace: adm-gw}
                certificates:
                  acme: {server: "https://acme.example.com/directory", email: a@example.com, solver: {http01: {}}}
                """), List.of(
                tenantWithSpec("adm-a", "web", 1, """
                    className: adm-shared
                    hostnames: [a.adm.example.com, b.adm.example.com]
                    routes: [{hostname: a.adm.example.com, service: web, port: 80}]
                    """),
                tenantWithSpec("adm-b", "web", 2, """
                    className: adm-shared
                    hostnames: ["*.b.adm.example.com", x.adm.example.com]
                    tls: {mode: External, secretName: b-tls}
                    """)),
            Fixtures.issued("adm-gw/adm-a.a.adm.example.com", "adm-b/b-tls")),
        Arguments.of("dedicated, proxy (CIDRs), DNS-01", tenantClass("adm-dedicated", 0, """
                layout: Dedicated
                clientIP: {xForwardedFor: {trustedCIDRs: [203.0.113.0/24, "2001:db8::/32"]}}
                certificates:
                  acme:
                    server: https://acme.example.com/directory
                    email: a@example.com
                    solver: {dns01: {cloudflare: {apiTokenSecretRef: {name: cf, key: token}}}}
                """), List.of(tenantWithSpec("adm-c", "web", 1, """
                    className: adm-dedicated
                    hostnames: ["*.c.adm.example.com", web.c.adm.example.com]
                    routes: [{hostname: web.c.adm.example.com, path: /api, service: api, port: 8080}]
                    """)),
            Fixtures.issued("adm-c/adm-c-tls")),
        Arguments.of("dedicated, custom header, ClusterIssuer, nothing issued", tenantClass("adm-header", 0, """
                layout: Dedicated
                httpsRedirect: false
                clientIP: {customHeader: {name: X-Real-IP, failClosed: true}}
                certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
                """), List.of(tenantWithSpec("adm-d", "web", 1, "className: adm-header\nhostnames: [d.adm.example.com]")),
            ObservedFacts.NONE),
        Arguments.of("the extremes the TenantIngress schema admits: a 253-character hostname, 16 routes of "
                + "1,024-character paths of every character HTTPRoute allows, a 63-character Service, port 65535",
            tenantClass("adm-extreme", 0, """
                clientIP: {xForwardedFor: {numTrustedHops: 16}}
                gateway: {namespace: adm-extreme-gw}
                certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
                """), List.of(tenantWithSpec("adm-extreme", "web", 1, extremeTenant())),
            Fixtures.issued("adm-extreme-gw/adm-extreme." + EXTREME_HOSTNAME)),
        Arguments.of("a full https listener", tenantClass("cap", 0, """
                clientIP: {proxyProtocol: {}}
                gateway: {namespace: cap-gw}
                certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
                """), full.stream().map(t -> tenantWithSpec(t.getMetadata().getNamespace(), "web",
                full.indexOf(t), "className: cap\nhostnames: [" + t.getSpec().hostnames().get(0) + "]")).toList(),
            Fixtures.issued(issued.toArray(String[]::new))));
  }

  private static final String EXTREME_HOSTNAME = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
      + "d".repeat(49) + ".example.com";

  private static String extremeTenant() {
    String segment = "a-._~!$&'()*+,;=:@%2Bz";
    List<String> routes = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      StringBuilder path = new StringBuilder("/r" + i);
      while (path.length() + 1 + segment.length() <= 1024) {
        path.append('/').append(segment);
      }
      routes.add("{hostname: " + EXTREME_HOSTNAME + ", path: \"" + path + "\", service: s" + "x".repeat(62)
          + ", port: 65535}");
    }
    return "className: adm-extreme\nhostnames: [" + EXTREME_HOSTNAME + "]\nroutes: [" + String.join(", ", routes)
        + "]\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void renderedObjectsAreAcceptedByTheUpstreamCrds(String description,
      io.tenantingress.api.v1alpha1.TenantIngressClass tenantClass, List<TenantIngress> tenants, ObservedFacts facts,
      KubernetesClient client) {
    Plan plan = TenantIngressPlanner.plan(List.of(tenantClass), tenants, facts);
    List<HasMetadata> objects = DesiredObjects.all(plan);
    objects.stream().map(o -> o.getMetadata().getNamespace()).filter(java.util.Objects::nonNull).distinct()
        .forEach(ns -> client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .fieldManager("test").serverSideApply());

    // The input itself passes the TenantIngress schema: what it admits, the rendered objects' schemas admit.
    for (TenantIngress tenant : tenants) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(tenant.getMetadata().getNamespace())
          .endMetadata().build()).fieldManager("test").serverSideApply();
      TenantIngress input = new TenantIngress();
      input.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(tenant.getMetadata()
          .getName()).withNamespace(tenant.getMetadata().getNamespace()).build());
      input.setSpec(tenant.getSpec());
      client.resource(input).fieldManager("rendered-objects-test").forceConflicts().serverSideApply();
    }
    for (HasMetadata object : objects) {
      HasMetadata applied = client.resource(object).fieldManager("rendered-objects-test").forceConflicts()
          .serverSideApply();
      assertThat(applied.getMetadata().getUid()).as(object.getKind() + " " + object.getMetadata().getName())
          .isNotNull();
    }
    assertThat(objects).extracting(HasMetadata::getKind).contains("Gateway", "ClientTrafficPolicy");
    if (tenantClass.getSpec().tenantListeners() == TenantListeners.ListenerSet) {
      assertThat(objects).extracting(HasMetadata::getKind).contains("ListenerSet");
      assertThat(plan.classes().get(0).tenants()).allSatisfy(t -> assertThat(t.hostnames())
          .allSatisfy(h -> assertThat(h.state()).isEqualTo(io.tenantingress.api.v1alpha1.HostnameState.Ready)));
    }
  }
}
