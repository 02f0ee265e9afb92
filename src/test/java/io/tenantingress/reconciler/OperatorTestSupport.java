package io.tenantingress.reconciler;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.HostnameStatus;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;

/** Creating classes and tenants from YAML, and reading back what the operator made of them. */
public final class OperatorTestSupport {

  static final Duration CONVERGENCE = Duration.ofSeconds(60);

  private final KubernetesClient client;

  public OperatorTestSupport(KubernetesClient client) {
    this.client = client;
  }

  public static ConditionFactory eventually() {
    return await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200));
  }

  public TenantIngressClass createClass(String name, String spec) {
    return client.resource(parse(TenantIngressClass.class, """
        apiVersion: tenantingress.io/v1alpha1
        kind: TenantIngressClass
        metadata:
          name: %s
        spec:
        %s""".formatted(name, spec.indent(2)))).create();
  }

  public TenantIngress applyTenant(String namespace, String name, String spec) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .fieldManager("test").serverSideApply();
    return client.resource(parse(TenantIngress.class, """
        apiVersion: tenantingress.io/v1alpha1
        kind: TenantIngress
        metadata:
          name: %s
          namespace: %s
        spec:
        %s""".formatted(name, namespace, spec.indent(2)))).fieldManager("test").forceConflicts().serverSideApply();
  }

  public TenantIngress tenant(String namespace, String name) {
    return client.resources(TenantIngress.class).inNamespace(namespace).withName(name).get();
  }

  /** The hostnames the TenantIngress's status shows; none before its first status (a poll must not fail on it). */
  public List<HostnameStatus> hostnames(String namespace, String name) {
    TenantIngress tenant = tenant(namespace, name);
    if (tenant == null || tenant.getStatus() == null || tenant.getStatus().hostnames() == null) {
      return List.of();
    }
    return tenant.getStatus().hostnames();
  }

  public Optional<String> condition(String namespace, String name, String type) {
    TenantIngress tenant = tenant(namespace, name);
    if (tenant == null || tenant.getStatus() == null || tenant.getStatus().conditions() == null) {
      return Optional.empty();
    }
    return tenant.getStatus().conditions().stream().filter(c -> type.equals(c.getType()))
        .map(c -> c.getStatus() + "/" + c.getReason()).findFirst();
  }

  /** A listener's condition as Envoy Gateway reports it on the Gateway, as "status/reason". */
  public Optional<String> listenerCondition(String namespace, String gateway, String listener, String type) {
    Gateway observed = gateway(namespace, gateway);
    if (observed == null || observed.getStatus() == null) {
      return Optional.empty();
    }
    return observed.getStatus().getListeners().stream().filter(l -> listener.equals(l.getName()))
        .flatMap(l -> l.getConditions().stream()).filter(c -> type.equals(c.getType()))
        .map(c -> c.getStatus() + "/" + c.getReason()).findFirst();
  }

  /** A ClientTrafficPolicy's condition for its first ancestor, as Envoy Gateway reports it, as "status/reason". */
  public Optional<String> policyCondition(String namespace, String name, String type) {
    GenericKubernetesResource policy = client.genericKubernetesResources("gateway.envoyproxy.io/v1alpha1",
        "ClientTrafficPolicy").inNamespace(namespace).withName(name).get();
    if (policy == null || policy.get("status") == null) {
      return Optional.empty();
    }
    List<java.util.Map<String, Object>> ancestors = policy.get("status", "ancestors");
    if (ancestors == null || ancestors.isEmpty()) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<java.util.Map<String, Object>> conditions = (List<java.util.Map<String, Object>>) ancestors.get(0)
        .get("conditions");
    return conditions.stream().filter(c -> type.equals(c.get("type")))
        .map(c -> c.get("status") + "/" + c.get("reason")).findFirst();
  }

  public Gateway gateway(String namespace, String name) {
    return client.resources(Gateway.class).inNamespace(namespace).withName(name).get();
  }

  public List<String> certificateRefs(String namespace, String name) {
    Gateway gateway = gateway(namespace, name);
    if (gateway == null) {
      return List.of();
    }
    return gateway.getSpec().getListeners().stream().filter(l -> "https".equals(l.getName()))
        .map(Listener::getTls).flatMap(tls -> tls.getCertificateRefs().stream())
        .map(ref -> (ref.getNamespace() == null ? "" : ref.getNamespace() + "/") + ref.getName()).toList();
  }

  /**
   * An event on a namespace that changes nothing the operator reads: an annotation of a person's own, set with a
   * field manager of its own so that the operator's labels and annotation stay as they are.
   */
  public void touchNamespace(String namespace) {
    client.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace)
        .withAnnotations(java.util.Map.of("test/resync", String.valueOf(System.nanoTime()))).endMetadata().build())
        .fieldManager("test-resync").serverSideApply();
  }

  public String resourceVersion(HasMetadata object) {
    HasMetadata current = client.resource(object).get();
    return current == null ? null : current.getMetadata().getResourceVersion();
  }

  private <T> T parse(Class<T> type, String yaml) {
    return client.getKubernetesSerialization().convertValue(
        client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class), type);
  }
}
