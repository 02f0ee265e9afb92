package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** Every object the operator writes, in the order a person would apply them. */
public final class DesiredObjects {

  private DesiredObjects() {
  }

  /** The namespaces' labels, then each class's objects: what {@code render} prints. */
  public static List<HasMetadata> all(Plan plan) {
    List<HasMetadata> objects = new ArrayList<>(NamespaceMetadataDesiredState.render(plan));
    plan.classes().forEach(c -> objects.addAll(forClass(c)));
    return objects;
  }

  public static List<HasMetadata> forClass(ClassPlan plan) {
    List<HasMetadata> objects = new ArrayList<>();
    // A Gateway that referenced a tenant's Secret before the grant existed would be told the reference is not
    // permitted: grants go first.
    objects.addAll(ReferenceGrantDesiredState.render(plan));
    // A hostname moving onto a ListenerSet gets its new listener before the Gateway lets go of it.
    objects.addAll(ListenerSetDesiredState.render(plan));
    objects.addAll(GatewayDesiredState.render(plan));
    objects.addAll(ClientTrafficPolicyDesiredState.render(plan));
    objects.addAll(IssuerDesiredState.render(plan));
    objects.addAll(CertificateDesiredState.render(plan));
    objects.addAll(HttpsRedirectRouteDesiredState.render(plan));
    objects.addAll(TenantRouteDesiredState.render(plan));
    return objects;
  }
}
