package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** TenantIngressClasses and TenantIngresses for tests, written as the YAML a user would write. */
public final class Fixtures {

  public static final String DIRECT_HTTP01 = """
      clientIP:
        proxyProtocol: {}
      certificates:
        acme:
          server: https://acme-v02.api.letsencrypt.org/directory
          email: platform@example.com
          solver:
            http01: {}
      """;
  /** A class's certificates through ACME DNS-01 with a solver cert-manager passes on as written. */
  public static final String DNS01_CERTIFICATES = """
      certificates:
        acme:
          server: https://acme.example.com/directory
          email: a@example.com
          solver:
            dns01:
              cnameStrategy: Follow
              cloudflare: {apiTokenSecretRef: {name: cf, key: token}}
      """;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Fixtures() {
  }

  /** A class created at T0, marked default, with the given spec. */
  public static TenantIngressClass defaultClass(String name, String spec) {
    TenantIngressClass tenantIngressClass = tenantClass(name, 0, spec);
    tenantIngressClass.getMetadata().setAnnotations(
        java.util.Map.of(TenantIngressClass.DEFAULT_CLASS_ANNOTATION, "true"));
    return tenantIngressClass;
  }

  /** A class created {@code minute} minutes after T0. */
  public static TenantIngressClass tenantClass(String name, int minute, String spec) {
    return parse(TenantIngressClass.class, """
        apiVersion: tenantingress.io/v1alpha1
        kind: TenantIngressClass
        metadata:
          name: %s
          creationTimestamp: "%s"
        spec:
        %s""".formatted(name, T0.plusSeconds(60L * minute), spec.indent(2)));
  }

  /** A tenant created {@code minute} minutes after T0, on the default class, with Managed TLS. */
  public static TenantIngress tenant(String namespace, String name, int minute, String... hostnames) {
    return tenantWithSpec(namespace, name, minute, "hostnames: [" + String.join(", ", quoted(hostnames)) + "]");
  }

  public static TenantIngress tenantWithSpec(String namespace, String name, int minute, String spec) {
    return parse(TenantIngress.class, """
        apiVersion: tenantingress.io/v1alpha1
        kind: TenantIngress
        metadata:
          name: %s
          namespace: %s
          creationTimestamp: "%s"
        spec:
        %s""".formatted(name, namespace, T0.plusSeconds(60L * minute), spec.indent(2)));
  }

  /** Facts in which cert-manager has issued these Secrets ("namespace/name"). */
  public static ObservedFacts issued(String... namespacedNames) {
    Set<SecretRef> refs = Arrays.stream(namespacedNames).map(n -> n.split("/", 2))
        .map(p -> new SecretRef(p[0], p[1])).collect(Collectors.toSet());
    return new ObservedFacts(refs);
  }

  private static List<String> quoted(String... values) {
    return Arrays.stream(values).map(v -> "\"" + v + "\"").toList();
  }

  private static <T> T parse(Class<T> type, String yaml) {
    return SERIALIZATION.convertValue(SERIALIZATION.unmarshal(yaml, GenericKubernetesResource.class), type);
  }
}
