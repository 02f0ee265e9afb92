package io.tenantingress.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.RefusedObject;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.EffectiveClass;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.desired.WriteStep;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The apply engine: takes a class's plan, brings everything the class renders to it, and says what became of it.
 * {@link WriteStep}s go one after the other, the objects of one step concurrently; what the
 * class no longer renders is deleted once nothing still refers to it. A pass renders only the namespaces whose
 * objects may have to change, and looks for what to delete only where it can be ({@link CurrentNamespaces}). Each Gateway is written at most once a
 * second ({@link WritePacing}): Envoy Gateway recomputes every listener on each write, so a burst of tenants costs
 * a handful of Gateway writes while each tenant's own objects are written at once.
 */
final class ClassObjectsWriter {

  /** What one pass did, for the class's status and its next pass. */
  record ClassWrite(List<String> namesTaken, List<RefusedObject> refused, List<String> adopted,
      Optional<Duration> deferredFor) {
  }

  private final ManagedObjectApplier applier;
  private final ClusterView view;
  private final WritePacing gatewayPacing;
  private final CurrentNamespaces currentNamespaces;

  ClassObjectsWriter(KubernetesClient client, ClusterView view, WriteCounter writes, ConcurrentRequests concurrently,
      Clock clock) {
    this.applier = new ManagedObjectApplier(client, view, writes, concurrently);
    this.view = view;
    this.gatewayPacing = new WritePacing(Duration.ofSeconds(1), clock);
    this.currentNamespaces = new CurrentNamespaces(clock);
  }

  ClassWrite write(ClassPlan plan) {
    Pass pass = new Pass(plan.tenantClass());
    CurrentNamespaces.Unchanged unchanged = currentNamespaces.unchanged(plan);
    pass.wanted.addAll(unchanged.keysWhereLeftoversMayBe());
    for (WriteStep step : WriteStep.values()) {
      List<ManagedObjectApplier.Request> due = pass.due(step.render(plan, unchanged::renders));
      pass.record(due, applier.applyAll(due));
    }
    // While a Gateway still references what a tenant leaves behind, that stays too, until the Gateway's turn; and
    // nothing goes while an object that would replace it was refused.
    boolean sweeps = pass.deferred == null && pass.refused.isEmpty();
    if (sweeps) {
      applier.deleteAll(renderedFor(pass.tenantClass.name(), unchanged.leftoversIn())
          .filter(o -> !pass.wanted.contains(ManagedObjectApplier.key(o))).toList());
    }
    applier.forgetAllBut(pass.tenantClass.name(), unchanged.leftoversIn(), pass.wanted);
    currentNamespaces.passed(plan, unchanged, pass.keysByNamespace, applier::stillCurrent, sweeps);
    return new ClassWrite(pass.namesTaken, pass.refused, pass.adopted, Optional.ofNullable(pass.deferred));
  }

  /**
   * Hears every event of the kinds written, before it wakes a class: an object with a class's labels that the
   * applier never wrote nor found is someone else's, and may be one the class no longer renders.
   */
  void heard(HasMetadata object) {
    String className = OwnershipLabels.isOperators(object)
        ? object.getMetadata().getLabels().get(OwnershipLabels.CLASS) : null;
    if (className != null && !applier.knows(object)) {
      currentNamespaces.heard(className, object.getMetadata().getNamespace());
    }
  }

  /** Hears every add, update and delete of the kinds written: the namespace's objects are checked again. */
  void changed(HasMetadata object) {
    currentNamespaces.changed(object.getMetadata().getNamespace());
  }

  /** One pass over a class: what it wants, and what became of its writes so far. */
  private final class Pass {

    private final EffectiveClass tenantClass;
    private final Set<String> wanted = new HashSet<>();
    private final Map<String, List<String>> keysByNamespace = new HashMap<>();
    private final List<String> namesTaken = new ArrayList<>();
    private final List<RefusedObject> refused = new ArrayList<>();
    private final List<String> adopted = new ArrayList<>();
    private Duration deferred;

    Pass(EffectiveClass tenantClass) {
      this.tenantClass = tenantClass;
    }

    /**
     * The objects of a step to write: those the cache does not show as desired, and whose Gateway is not paced.
     * Only these are kept while the step's writes are in flight, which in a burst of thousands take minutes.
     */
    List<ManagedObjectApplier.Request> due(List<HasMetadata> rendered) {
      List<ManagedObjectApplier.Request> due = new ArrayList<>();
      for (HasMetadata object : rendered) {
        String key = ManagedObjectApplier.key(object);
        wanted.add(key);
        keysByNamespace.computeIfAbsent(object.getMetadata().getNamespace(), k -> new ArrayList<>()).add(key);
        if (applier.isCurrent(object)) {
          continue;
        }
        Optional<Duration> wait = object instanceof Gateway ? gatewayPacing.wait(key) : Optional.empty();
        if (wait.isPresent()) {
          deferred = deferred == null || wait.get().compareTo(deferred) < 0 ? wait.get() : deferred;
        } else {
          due.add(new ManagedObjectApplier.Request(object, adoptable(tenantClass, object)));
        }
      }
      return due;
    }

    void record(List<ManagedObjectApplier.Request> due, List<ManagedObjectApplier.Result> results) {
      for (int i = 0; i < due.size(); i++) {
        HasMetadata object = due.get(i).desired();
        ManagedObjectApplier.Result result = results.get(i);
        switch (result.outcome()) {
          case ADOPTED -> adopted.add(result.detail());
          case NAME_TAKEN -> namesTaken.add(object.getKind() + " " + object.getMetadata().getNamespace() + "/"
              + object.getMetadata().getName());
          case REFUSED -> refused.add(refusal(object, result.detail()));
          default -> { }
        }
        if (result.written() && object instanceof Gateway) {
          gatewayPacing.written(ManagedObjectApplier.key(object));
        }
      }
    }
  }

  /** Deletes everything rendered for a class that is gone, its Gateways last (their listeners name the rest). */
  void deleteAll(String className) {
    currentNamespaces.forget(className);
    Map<Boolean, List<HasMetadata>> gatewaysOrNot = renderedFor(className, Optional.empty())
        .collect(Collectors.partitioningBy(o -> o instanceof Gateway));
    applier.deleteAll(gatewaysOrNot.get(false));
    applier.deleteAll(gatewaysOrNot.get(true));
  }

  /**
   * A shared Gateway's own objects in the gateway namespace may be taken over: the platform team may have written
   * them by hand before installing the operator. Certificates never: a hand-written one keeps being served.
   */
  private static boolean adoptable(EffectiveClass tenantClass, HasMetadata object) {
    return tenantClass.shared() && tenantClass.adopt() && !(object instanceof Certificate)
        && tenantClass.gatewayNamespace().equals(object.getMetadata().getNamespace());
  }

  private static RefusedObject refusal(HasMetadata object, String message) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String tenant = labels == null || labels.get(OwnershipLabels.TENANT_NAMESPACE) == null
        || labels.get(OwnershipLabels.TENANT_NAME) == null ? null
        : labels.get(OwnershipLabels.TENANT_NAMESPACE) + "/" + labels.get(OwnershipLabels.TENANT_NAME);
    return new RefusedObject(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName(),
        tenant, message);
  }

  /** What is rendered for a class in these namespaces (in every one when none are given). */
  private Stream<HasMetadata> renderedFor(String className, Optional<Set<String>> namespaces) {
    return namespaces.map(n -> n.stream().flatMap(view::writtenIn)).orElseGet(view::allWritten)
        .filter(o -> OwnershipLabels.isOperators(o)
            && className.equals(o.getMetadata().getLabels().get(OwnershipLabels.CLASS)))
        .filter(o -> o.getMetadata().getDeletionTimestamp() == null);
  }
}
