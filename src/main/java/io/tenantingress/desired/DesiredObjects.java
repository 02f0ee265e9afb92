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

  /** A class's objects in the {@link WriteStep}s the writer takes. */
  public static List<HasMetadata> forClass(ClassPlan plan) {
    return WriteStep.renderAll(plan).toList();
  }
}
