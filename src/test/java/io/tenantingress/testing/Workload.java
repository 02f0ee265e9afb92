package io.tenantingress.testing;

import io.tenantingress.testing.ControllerPlayer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** The classes and tenants the benchmarks and the chaos suite create, as fast as a client can. */
public final class Workload {

  private Workload() {
  }

  /** Tenants {@code <prefix>-<i>/web}, each with {@code hostnames} hostnames and a route per hostname. */
  public static List<String> createTenants(KubernetesClient client, String className, String prefix, int count,
      int hostnames) throws InterruptedException {
    return createTenants(client, className, prefix, count, hostnames, false);
  }

  /**
   * The same, and with {@code withService} the Service "web" the routes name in each namespace: Envoy Gateway
   * resolves a route's backend ({@code ResolvedRefs}), the benchmark's {@link ControllerPlayer} does not. Headless,
   * because the test API server's service IP range holds a few hundred addresses.
   */
  public static List<String> createTenants(KubernetesClient client, String className, String prefix, int count,
      int hostnames, boolean withService) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    IntStream.range(0, count).forEach(i -> pool.submit(() -> {
      if (withService) {
        service(client, prefix + "-" + i);
      }
      applyTenant(client, className, prefix + "-" + i, hostnames);
    }));
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i + "/web").toList();
  }

  public static void applyTenant(KubernetesClient client, String className, String namespace, int hostnames) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .fieldManager("bench").serverSideApply();
    List<String> names = IntStream.range(0, hostnames).mapToObj(h -> "h" + h + "." + namespace + ".bench.example.com")
        .toList();
    String routes = String.join(", ", names.stream().map(n -> "{hostname: " + n + ", service: web, port: 80}")
        .toList());
    TenantIngress tenant = parse(client, TenantIngress.class, """
        apiVersion: tenantingress.io/v1alpha1
        kind: TenantIngress
        metadata: {name: web, namespace: %s}
        spec: {className: %s, hostnames: [%s], routes: [%s]}
        """.formatted(namespace, className, String.join(", ", names), routes));
    client.resource(tenant).fieldManager("bench").serverSideApply();
  }

  /** The headless Service "web" the routes name, for Envoy Gateway to resolve. */
  public static void service(KubernetesClient client, String namespace) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .fieldManager("bench").serverSideApply();
    client.resource(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("web")
        .withNamespace(namespace).endMetadata().withNewSpec().withClusterIP("None")
        .withSelector(java.util.Map.of("app", "web"))
        .addNewPort().withPort(80).endPort().endSpec().build()).fieldManager("bench").serverSideApply();
  }

  public static void createClass(KubernetesClient client, String name, String spec) {
    client.resource(parse(client, TenantIngressClass.class, """
        apiVersion: tenantingress.io/v1alpha1
        kind: TenantIngressClass
        metadata: {name: %s}
        spec:
        %s""".formatted(name, spec.indent(2)))).serverSideApply();
  }

  private static <T> T parse(KubernetesClient client, Class<T> type, String yaml) {
    return client.getKubernetesSerialization().convertValue(
        client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class), type);
  }
}
