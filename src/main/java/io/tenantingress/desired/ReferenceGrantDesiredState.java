package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantToBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * With External TLS on a shared Gateway the certificate stays in the tenant's namespace, and the Gateway
 * references it across namespaces: a ReferenceGrant in that namespace admits exactly those Secrets, for exactly
 * that Gateway's namespace, and nothing else the tenant owns.
 */
public final class ReferenceGrantDesiredState {

  private ReferenceGrantDesiredState() {
  }

  public static List<ReferenceGrant> render(ClassPlan plan, Predicate<String> namespaces) {
    if (!plan.tenantClass().shared() || plan.tenantClass().usesListenerSets()) {
      // A dedicated Gateway or a tenant's ListenerSet uses Secrets of its own namespace: nothing to grant.
      return List.of();
    }
    EffectiveClass tenantClass = plan.tenantClass();
    Map<String, TreeSet<String>> secretsByNamespace = new TreeMap<>();
    for (GatewayInstance gateway : GatewayInstance.of(plan)) {
      gateway.tenants().stream().filter(TenantPlan::externalTls).flatMap(t -> t.admitted().stream())
          .map(HostnamePlan::secret).filter(s -> namespaces.test(s.namespace()))
          .forEach(s -> secretsByNamespace.computeIfAbsent(s.namespace(), k -> new TreeSet<>()).add(s.name()));
    }
    return secretsByNamespace.entrySet().stream().map(e -> grant(tenantClass, e.getKey(), e.getValue())).toList();
  }

  private static ReferenceGrant grant(EffectiveClass tenantClass, String namespace, TreeSet<String> secrets) {
    List<ReferenceGrantTo> to = secrets.stream()
        .map(name -> new ReferenceGrantToBuilder().withGroup("").withKind("Secret").withName(name).build()).toList();
    return new ReferenceGrantBuilder()
        .withNewMetadata()
        .withName(ResourceNames.referenceGrantName(tenantClass.gatewayNamespace(), tenantClass.gatewayName()))
        .withNamespace(namespace).withLabels(OwnershipLabels.forNamespace(tenantClass.name(), namespace))
        .endMetadata()
        .withNewSpec()
        .addNewFrom().withGroup(ClientTrafficPolicyDesiredState.GATEWAY_API_GROUP).withKind("Gateway")
        .withNamespace(tenantClass.gatewayNamespace()).endFrom()
        .withTo(to)
        .endSpec()
        .build();
  }
}
