package io.tenantingress.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantingress.desired.Fixtures;
import io.tenantingress.testing.KubernetesExtension;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of the two CRDs, on the real API server: a bad object is refused with the message a user
 * needs, and the valid examples of each mode are accepted and defaulted.
 */
@ExtendWith(KubernetesExtension.class)
class AdmissionValidationIT {

  private static Arguments badPath(String what, String path, String message) {
    return bad("a route path with " + what, "hostnames: [app.example.com]\nroutes: [{hostname: app.example.com, "
        + "path: \"" + path + "\", service: api, port: 80}]\n", message);
  }

  private static final String NAMESPACE = "admission";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static KubernetesClient client;

  private static final String DIRECT = Fixtures.DIRECT_HTTP01;

  @BeforeAll
  static void createNamespace(KubernetesClient kubernetesClient) {
    client = kubernetesClient;
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  static Stream<Arguments> invalidClasses() {
    return Stream.of(
        bad("no client-IP mode", """
            clientIP: {}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "spec.clientIP: Invalid value: clientIP must set exactly one of proxyProtocol"),
        bad("two client-IP modes", """
            clientIP:
              proxyProtocol: {}
              xForwardedFor: {numTrustedHops: 1}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "clientIP must set exactly one of proxyProtocol (direct mode"),
        bad("xForwardedFor and customHeader together", """
            clientIP:
              xForwardedFor: {numTrustedHops: 1}
              customHeader: {name: X-Real-IP}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "clientIP must set exactly one of"),
        bad("hops and CIDRs together", """
            clientIP:
              xForwardedFor: {numTrustedHops: 1, trustedCIDRs: [203.0.113.0/24]}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "spec.clientIP.xForwardedFor: Invalid value: xForwardedFor must set exactly one of "
            + "numTrustedHops or trustedCIDRs"),
        bad("neither hops nor CIDRs", """
            clientIP:
              xForwardedFor: {}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "xForwardedFor must set exactly one of numTrustedHops or trustedCIDRs"),
        bad("zero trusted hops", """
            clientIP:
              xForwardedFor: {numTrustedHops: 0}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "spec.clientIP.xForwardedFor.numTrustedHops: Invalid value: 0: "
            + "spec.clientIP.xForwardedFor.numTrustedHops in body should be greater than or equal to 1"),
        bad("numTrustedHops beyond any real chain (and int32)", """
            clientIP:
              xForwardedFor: {numTrustedHops: 2147483648}
            certificates: {issuerRef: {kind: ClusterIssuer, name: corporate}}
            """, "spec.clientIP.xForwardedFor.numTrustedHops in body should be less than or equal to 16"),
        bad("a CIDR that is not one", """
            clientIP:
              xForwardedFor: {trustedCIDRs: [203.0.113.0/24, 10.0.0.0/33]}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "spec.clientIP.xForwardedFor.trustedCIDRs: Invalid value: every trustedCIDRs entry "
            + "must be a CIDR"),
        bad("an empty CIDR list", """
            clientIP:
              xForwardedFor: {trustedCIDRs: []}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "spec.clientIP.xForwardedFor.trustedCIDRs: Invalid value: 0: "
            + "spec.clientIP.xForwardedFor.trustedCIDRs in body should have at least 1 items"),
        bad("a header name with spaces", """
            clientIP:
              customHeader: {name: X Real IP}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "spec.clientIP.customHeader.name in body should match '^[A-Za-z0-9-]+$'"),
        bad("a custom header without a name", """
            clientIP:
              customHeader: {failClosed: true}
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "spec.clientIP.customHeader.name: Required value"),
        bad("no client-IP section", """
            certificates: {issuerRef: {kind: ClusterIssuer, name: le}}
            """, "spec.clientIP: Required value"),
        bad("no certificates section", """
            clientIP: {proxyProtocol: {}}
            """, "spec.certificates: Required value"),
        bad("both acme and issuerRef", DIRECT + """
              issuerRef: {kind: ClusterIssuer, name: le}
            """, "spec.certificates: Invalid value: certificates must set exactly one of acme"),
        bad("neither acme nor issuerRef", """
            clientIP: {proxyProtocol: {}}
            certificates: {}
            """, "certificates must set exactly one of acme (the operator renders an ACME Issuer) or issuerRef"),
        bad("a plain-http ACME server", """
            clientIP: {proxyProtocol: {}}
            certificates:
              acme: {server: "http://acme.example.com/directory", email: a@example.com, solver: {http01: {}}}
            """, "spec.certificates.acme.server: Invalid value: acme.server must be an https URL"),
        bad("an e-mail without a domain", """
            clientIP: {proxyProtocol: {}}
            certificates:
              acme: {server: "https://acme.example.com/directory", email: platform, solver: {http01: {}}}
            """, "spec.certificates.acme.email in body should match"),
        bad("an upper-case issuer name", """
            clientIP: {proxyProtocol: {}}
            certificates:
              acme: {server: "https://acme.example.com/directory", email: a@example.com, issuerName: LE,
                     solver: {http01: {}}}
            """, "spec.certificates.acme.issuerName in body should match"),
        bad("both ACME solvers", """
            clientIP: {proxyProtocol: {}}
            certificates:
              acme:
                server: https://acme.example.com/directory
                email: a@example.com
                solver: {http01: {}, dns01: {cloudflare: {apiTokenSecretRef: {name: cf, key: token}}}}
            """, "spec.certificates.acme.solver: Invalid value: acme.solver must set exactly one of "
            + "http01 or dns01"),
        bad("no ACME solver", """
            clientIP: {proxyProtocol: {}}
            certificates:
              acme: {server: "https://acme.example.com/directory", email: a@example.com, solver: {}}
            """, "acme.solver must set exactly one of http01 or dns01"),
        bad("an unknown issuer kind", """
            clientIP: {proxyProtocol: {}}
            certificates: {issuerRef: {kind: Vault, name: le}}
            """, "spec.certificates.issuerRef.kind: Unsupported value: \"Vault\": supported values: "
            + "\"ClusterIssuer\", \"Issuer\""),
        bad("an unknown layout", DIRECT + """
            layout: PerTenant
            """, "spec.layout: Unsupported value: \"PerTenant\": supported values: \"Dedicated\", \"Shared\""),
        bad("a shared Gateway on a Dedicated class", DIRECT + """
            layout: Dedicated
            gateway: {namespace: gateway, name: shared}
            """, "spec: Invalid value: spec.gateway names the shared Gateway and applies only to "
            + "layout Shared"),
        bad("ListenerSets on a Dedicated class", DIRECT + """
            layout: Dedicated
            tenantListeners: ListenerSet
            """, "spec: Invalid value: tenantListeners: ListenerSet applies only to layout Shared"),
        bad("an invalid gateway namespace", DIRECT + """
            gateway: {namespace: Gateway_NS}
            """, "spec.gateway.namespace in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"),
        bad("the same port twice", DIRECT + """
            listeners: {httpPort: 8080, httpsPort: 8080}
            """, "spec.listeners: Invalid value: listeners.httpPort and listeners.httpsPort must differ"),
        bad("a port out of range", DIRECT + """
            listeners: {httpsPort: 70000}
            """, "spec.listeners.httpsPort in body should be less than or equal to 65535"),
        bad("an access label key with spaces", DIRECT + """
            accessLabel: {key: shared gateway}
            """, "spec.accessLabel.key in body should match"),
        bad("a hostname pattern with upper case", DIRECT + """
            hostnamePolicy: {allowed: ["{namespace}.Example.com"]}
            """, "spec.hostnamePolicy.allowed[0] in body should match"));
  }

  static Stream<Arguments> invalidTenants() {
    return Stream.of(
        bad("no hostnames", """
            hostnames: []
            """, "spec.hostnames: Invalid value: 0: spec.hostnames in body should have at least 1 items"),
        bad("a missing hostnames list", """
            className: public
            """, "spec.hostnames: Required value"),
        bad("an upper-case hostname", """
            hostnames: [App.example.com]
            """, "spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]"),
        bad("a wildcard in the middle", """
            hostnames: [app.*.example.com]
            """, "spec.hostnames[0] in body should match"),
        bad("a single-label hostname", """
            hostnames: [letsencrypt-http01-account]
            """, "spec.hostnames[0] in body should match"),
        bad("a wildcard over a top-level domain", """
            hostnames: ["*.com"]
            """, "spec.hostnames[0] in body should match"),
        bad("a hostname with a trailing dot", """
            hostnames: [app.example.com.]
            """, "spec.hostnames[0] in body should match"),
        bad("a duplicate hostname", """
            hostnames: [app.example.com, www.example.com, app.example.com]
            """, "spec.hostnames: Invalid value: hostnames must be unique"),
        bad("too many hostnames", "hostnames: [" + String.join(", ", Stream.iterate(0, i -> i + 1).limit(101)
            .map(i -> "h" + i + ".example.com").toList()) + "]\n",
            "spec.hostnames: Too many: 101: must have at most 100 items"),
        bad("External TLS without a Secret", """
            hostnames: [app.example.com]
            tls: {mode: External}
            """, "spec.tls: Invalid value: tls.secretName is required with mode External"),
        bad("Managed TLS with a Secret", """
            hostnames: [app.example.com]
            tls: {secretName: app-tls}
            """, "tls.secretName is required with mode External (a kubernetes.io/tls Secret you own in this "
            + "namespace) and not allowed with mode Managed"),
        bad("an unknown TLS mode", """
            hostnames: [app.example.com]
            tls: {mode: SelfSigned}
            """, "spec.tls.mode: Unsupported value: \"SelfSigned\": supported values: \"External\", \"Managed\""),
        bad("a route for a hostname not in the list", """
            hostnames: [app.example.com]
            routes: [{hostname: api.example.com, service: api, port: 80}]
            """, "spec.routes: Invalid value: every routes[].hostname must be one of spec.hostnames"),
        bad("a relative route path", """
            hostnames: [app.example.com]
            routes: [{hostname: app.example.com, path: api, service: api, port: 80}]
            """, "spec.routes[0].path: Invalid value: routes[].path must start with '/'"),
        badPath("a space", "/a b", "should match"),
        badPath("'//'", "/a//b", "must not contain '//'"),
        badPath("'/../'", "/a/../b", "must not contain '//', '/./', '/../'"),
        badPath("a trailing '/..'", "/a/..", "nor end in '/.' or '/..'"),
        badPath("'#'", "/a#b", "should match"),
        badPath("'%2f'", "/a%2fb", "'%2f'"),
        badPath("'%2F'", "/a%2Fb", "'%2f'"),
        badPath("'?'", "/a?b=c", "should match"),
        badPath("non-ASCII", "/caf\u00e9", "should match"),
        bad("more than 16 routes for one hostname", "hostnames: [app.example.com]\nroutes: [" + String.join(", ",
            Stream.iterate(0, i -> i + 1).limit(17).map(i -> "{hostname: app.example.com, path: /p" + i
                + ", service: api, port: 80}").toList()) + "]\n",
            "at most 16 routes per hostname"),
        bad("a route to an invalid Service name", """
            hostnames: [app.example.com]
            routes: [{hostname: app.example.com, service: 1api, port: 80}]
            """, "spec.routes[0].service in body should match '^[a-z]([-a-z0-9]*[a-z0-9])?$'"),
        bad("a route without a port", """
            hostnames: [app.example.com]
            routes: [{hostname: app.example.com, service: api}]
            """, "spec.routes[0].port: Required value"),
        bad("a route to port 0", """
            hostnames: [app.example.com]
            routes: [{hostname: app.example.com, service: api, port: 0}]
            """, "spec.routes[0].port in body should be greater than or equal to 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidClasses")
  void invalidClassIsRefused(String description, String spec, String expectedMessage) {
    assertRefused(object("TenantIngressClass", null, spec), expectedMessage);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTenants")
  void invalidTenantIsRefused(String description, String spec, String expectedMessage) {
    assertRefused(object("TenantIngress", NAMESPACE, spec), expectedMessage);
  }

  @Test
  void aClassNameLongerThanALabelValueIsRefused() {
    GenericKubernetesResource longName = object("TenantIngressClass", null, DIRECT);
    longName.getMetadata().setName("c".repeat(64));
    assertRefused(longName, "a TenantIngressClass name has at most 63 characters");

    GenericKubernetesResource longest = object("TenantIngressClass", null, DIRECT);
    longest.getMetadata().setName("c".repeat(63));
    assertThat(client.resource(longest).create().getMetadata().getName()).hasSize(63);
  }

  @Test
  void directModeClassIsAcceptedWithItsDefaults() {
    GenericKubernetesResource created = client.resource(object("TenantIngressClass", null, DIRECT)).create();
    assertThat(created.<String>get("spec", "gatewayClassName")).isEqualTo("eg");
    assertThat(created.<String>get("spec", "layout")).isEqualTo("Shared");
    assertThat(created.<Boolean>get("spec", "httpsRedirect")).isTrue();
  }

  @Test
  void proxyModeClassesAreAccepted() {
    for (String clientIp : new String[] {
        "xForwardedFor: {numTrustedHops: 2}",
        "xForwardedFor: {trustedCIDRs: [203.0.113.0/24, 2001:db8::/32]}",
        "customHeader: {name: X-Real-IP, failClosed: true}"}) {
      String spec = """
          layout: Dedicated
          clientIP:
            %s
          hostnamePolicy: {allowed: ["{namespace}.example.com", "*.{namespace}.apps.example.com"]}
          """.formatted(clientIp) + Fixtures.DNS01_CERTIFICATES;
      GenericKubernetesResource created = client.resource(object("TenantIngressClass", null, spec)).create();
      assertThat(created.<String>get("spec", "certificates", "acme", "solver", "dns01", "cnameStrategy"))
          .isEqualTo("Follow");
    }
  }

  @Test
  void tenantIsAcceptedWithItsDefaults() {
    GenericKubernetesResource created = client.resource(object("TenantIngress", NAMESPACE, """
        hostnames: [app.example.com, "*.apps.example.com"]
        tls: {}
        routes: [{hostname: app.example.com, service: web, port: 8080}]
        """)).create();
    assertThat(created.<String>get("spec", "tls", "mode")).isEqualTo("Managed");
    assertThat(created.<String>get("spec", "routes", 0, "path")).isEqualTo("/");
  }

  private static void assertRefused(GenericKubernetesResource object, String expectedMessage) {
    assertThatThrownBy(() -> client.resource(object).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining(expectedMessage);
  }

  private static GenericKubernetesResource object(String kind, String namespace, String spec) {
    String yaml = """
        apiVersion: tenantingress.io/v1alpha1
        kind: %s
        metadata:
          name: validation-%d
        %s
        spec:
        %s
        """.formatted(kind, NAMES.incrementAndGet(),
        namespace == null ? "" : "  namespace: " + namespace, spec.indent(2));
    return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static Arguments bad(String description, String spec, String expectedMessage) {
    return Arguments.of(description, spec, expectedMessage);
  }
}
