package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
    return stepsForClass(plan).stream().flatMap(List::stream).toList();
  }

  /**
   * A class's objects in the steps the writer takes one after the other. Nothing in a step refers to anything else
   * in it, so a step's objects are written together: a new tenant's objects take as few round trips in a row as
   * their references allow.
   */
  public static List<List<HasMetadata>> stepsForClass(ClassPlan plan) {
    return List.of(
        // A Gateway that referenced a tenant's Secret before the grant existed would be told the reference is not
        // permitted: grants go first.
        List.copyOf(ReferenceGrantDesiredState.render(plan)),
        // A hostname moving onto a ListenerSet gets its new listener before the Gateway lets go of it.
        List.copyOf(ListenerSetDesiredState.render(plan)),
        List.copyOf(GatewayDesiredState.render(plan)),
        // The policy names the Gateway; an Issuer goes before the Certificates that name it (cert-manager would
        // otherwise report them failing until it arrives).
        together(ClientTrafficPolicyDesiredState.render(plan), IssuerDesiredState.render(plan)),
        // Certificates and routes never name each other.
        together(CertificateDesiredState.render(plan), HttpsRedirectRouteDesiredState.render(plan),
            TenantRouteDesiredState.render(plan)));
  }

  @SafeVarargs
  private static List<HasMetadata> together(List<? extends HasMetadata>... kinds) {
    return Stream.of(kinds).<HasMetadata>flatMap(List::stream).toList();
  }
}
