package io.tenantingress.desired;

import static io.tenantingress.desired.Fixtures.tenantClass;
import static io.tenantingress.desired.Fixtures.tenantWithSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every object the operator writes has a name of its own: a namespace using every kind of class at once, with
 * hostnames chosen to look like the names the operator gives other objects, renders no two objects of one kind
 * with one name, and no certificate Secret named like an ACME account key.
 */
class RenderedNamesTest {

  private static final String ACME = "certificates: {acme: {server: \"https://acme.example.com/dir\", "
      + "email: a@example.com, solver: {http01: {}}}}\n";

  @Test
  void aNamespaceUsingEveryKindOfClassWithHostileHostnamesRendersEachNameOnce() {
    List<TenantIngressClass> classes = List.of(
        tenantClass("ls-one", 0, "gateway: {namespace: gw-one}\ntenantListeners: ListenerSet\n"
            + "clientIP: {proxyProtocol: {}}\n" + ACME),
        tenantClass("ls-two", 1, "gateway: {namespace: gw-two}\ntenantListeners: ListenerSet\n"
            + "clientIP: {proxyProtocol: {}}\n" + ACME),
        tenantClass("ls-spill", 2, "gateway: {namespace: gw-three, name: shared-2}\ntenantListeners: ListenerSet\n"
            + "clientIP: {proxyProtocol: {}}\ncertificates: {issuerRef: {kind: ClusterIssuer, name: ca}}\n"),
        tenantClass("shared", 3, "gateway: {namespace: gw-four}\nclientIP: {proxyProtocol: {}}\n" + ACME),
        tenantClass("dedicated", 4, "layout: Dedicated\nclientIP: {proxyProtocol: {}}\n" + ACME),
        // A Gateway name with dots: its ListenerSets and their redirect routes are named without them.
        tenantClass("ls-dotted", 5, "gateway: {namespace: gw-five, name: shared.example.com}\n"
            + "tenantListeners: ListenerSet\nclientIP: {proxyProtocol: {}}\n"
            + "certificates: {issuerRef: {kind: ClusterIssuer, name: ca}}\n"));
    List<String> hostile = List.of("tenantingress-shared.example.com", "letsencrypt-http01-account.example.com",
        "https-redirect.example.com", "team.example.com", "wildcard.w.example.com", "*.w.example.com",
        "team-tls.example.com", "x".repeat(63) + "." + "y".repeat(63) + "." + "z".repeat(63) + ".example.com");
    List<TenantIngress> tenants = new ArrayList<>();
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < classes.size(); i++) {
      String className = classes.get(i).getMetadata().getName();
      List<String> hostnames = hostile.stream().map(h -> h.startsWith("*.") ? "*." + className + h.substring(1)
          : className + "." + h).toList();
      tenants.add(tenantWithSpec("team", className, 10 + i, "className: " + className + "\nhostnames: ["
          + hostnames.stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(", ")) + "]\nroutes: ["
          + hostnames.stream().filter(h -> !h.startsWith("*.")).map(h -> "{hostname: " + h + ", service: web, port: 80}")
          .collect(Collectors.joining(", ")) + "]"));
      hostnames.forEach(h -> issued.add("team/" + ResourceNames.tenantCertificateName(h)));
      hostnames.forEach(h -> issued.add("gw-four/" + ResourceNames.sharedCertificateName("team", h)));
    }
    issued.add("team/" + ResourceNames.dedicatedCertificateName("team"));

    Plan plan = TenantIngressPlanner.plan(classes, tenants, Fixtures.issued(issued.toArray(String[]::new)));
    List<HasMetadata> objects = DesiredObjects.all(plan);

    assertThat(objects.stream().collect(Collectors.groupingBy(RenderedNamesTest::id, Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() > 1).map(java.util.Map.Entry::getKey))
        .as("objects of one kind with one name").isEmpty();
    List<String> certificateSecrets = objects.stream().filter(o -> o instanceof Certificate)
        .map(o -> o.getMetadata().getNamespace() + "/" + ((Certificate) o).getSpec().getSecretName()).toList();
    List<String> accountKeys = objects.stream().filter(o -> o instanceof Issuer)
        .map(o -> o.getMetadata().getNamespace() + "/" + ((Issuer) o).getSpec().getAcme().getPrivateKeySecretRef()
            .getName()).toList();
    assertThat(certificateSecrets).doesNotHaveDuplicates().doesNotContainAnyElementsOf(accountKeys);

    // The younger ListenerSet class would write the same Issuer (and the spill class the same ListenerSet) in
    // namespace team: it is refused there, with the reason, and the older one keeps it.
    // (Wildcards on the HTTP-01 classes are denied before that: WildcardNeedsDNS01.)
    assertThat(hostnamesOf(plan, "ls-one")).filteredOn(h -> !h.hostname().startsWith("*."))
        .allMatch(HostnamePlan::admitted);
    for (String younger : List.of("ls-two", "ls-spill", "dedicated")) {
      assertThat(hostnamesOf(plan, younger)).as(younger).filteredOn(h -> !h.hostname().startsWith("*."))
          .allSatisfy(h -> {
            assertThat(h.state()).isEqualTo(HostnameState.Denied);
            assertThat(h.reason()).isEqualTo(HostnameReasons.NAMESPACE_OBJECT_OF_ANOTHER_CLASS);
            assertThat(h.message()).contains("TenantIngressClass ls-one already writes");
          });
    }
    assertThat(hostnamesOf(plan, "shared")).filteredOn(HostnamePlan::admitted).isNotEmpty();
    assertThat(hostnamesOf(plan, "ls-dotted")).allMatch(HostnamePlan::admitted);
    assertThat(objects).filteredOn(o -> o.getMetadata().getLabels() != null
            && "ls-dotted".equals(o.getMetadata().getLabels().get(OwnershipLabels.CLASS)))
        .filteredOn(o -> o.getKind().equals("ListenerSet") || o.getMetadata().getName().startsWith("tenantingress-"))
        .extracting(RenderedNamesTest::id).contains("ListenerSet team/tenantingress-shared-example-com",
            "HTTPRoute team/tenantingress-shared-example-com");
  }

  private static List<HostnamePlan> hostnamesOf(Plan plan, String className) {
    return plan.forClass(className).orElseThrow().tenants().stream().flatMap(t -> t.hostnames().stream()).toList();
  }

  private static String id(HasMetadata object) {
    return object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }
}
