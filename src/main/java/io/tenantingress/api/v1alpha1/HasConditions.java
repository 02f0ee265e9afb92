package io.tenantingress.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** A status that carries Kubernetes conditions: what events and the status pipeline read of it. */
public interface HasConditions {

  List<Condition> conditions();
}
