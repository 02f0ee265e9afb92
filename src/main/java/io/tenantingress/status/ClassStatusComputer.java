package io.tenantingress.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.tenantingress.api.v1alpha1.RefusedObject;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.TenantIngressClassStatus;
import io.tenantingress.desired.ClassPlan;
import io.tenantingress.desired.EffectiveClass;
import io.tenantingress.desired.GatewayInstance;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.envoy.ClientTrafficPolicySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A TenantIngressClass's status: whether it can be rendered, whether its https listener is full, whether
 * objects it needs are taken by someone else, and ClientTrafficPolicies written by hand that fight its own.
 */
public final class ClassStatusComputer {

  private ClassStatusComputer() {
  }

  /**
   * @param policies every ClientTrafficPolicy in the cluster
   * @param namesTaken objects the class needs whose names belong to objects the operator does not manage
   * @param refused objects the API server refused on this pass (every other object was applied)
   * @param adopted hand-written objects taken over on this pass, each with what that changed
   * @param tenantsBlockingDeletion while the class is being deleted: the TenantIngresses that still use it
   */
  public static TenantIngressClassStatus compute(TenantIngressClass tenantClass, ClassPlan plan,
      List<ClientTrafficPolicy> policies, List<String> namesTaken, List<RefusedObject> refused,
      List<String> adopted, List<String> tenantsBlockingDeletion, Instant now) {
    long generation = Objects.requireNonNullElse(tenantClass.getMetadata().getGeneration(), 0L);
    TenantIngressClassStatus previous = tenantClass.getStatus();
    ConditionSet conditions = new ConditionSet(previous == null ? null : previous.conditions(), generation, now);
    EffectiveClass effective = plan.tenantClass();

    conditions.set(ConditionTypes.ACCEPTED, plan.available(),
        plan.available() ? StatusReasons.ACCEPTED : plan.unavailableReason(),
        plan.available() ? "the class renders its objects" : plan.unavailableMessage());
    List<String> policyProblems = policyConflicts(plan, policies);
    conditions.set(ConditionTypes.POLICIES_CONSISTENT, policyProblems.isEmpty(),
        policyProblems.isEmpty() ? StatusReasons.NO_CONFLICT : StatusReasons.HAND_WRITTEN_POLICY,
        policyProblems.isEmpty() ? "no ClientTrafficPolicy written by hand targets this class's Gateways"
            : String.join("; ", policyProblems));

    // What was taken over stays on record until something else is: it is the trace of a one-time event.
    if (!adopted.isEmpty()) {
      conditions.set(ConditionTypes.ADOPTED, true, StatusReasons.ADOPTED_HAND_WRITTEN_OBJECTS,
          String.join(" | ", adopted));
    } else if (previous != null && previous.conditions() != null) {
      previous.conditions().stream().filter(c -> ConditionTypes.ADOPTED.equals(c.getType())).findFirst()
          .ifPresent(conditions::keep);
    }

    String reason = StatusReasons.READY;
    String message = "serving " + plan.tenants().size() + " TenantIngresses";
    if (!tenantsBlockingDeletion.isEmpty()) {
      reason = StatusReasons.IN_USE;
      message = "deletion waits until no TenantIngress uses this class; still used by "
          + String.join(", ", tenantsBlockingDeletion.stream().limit(10).toList())
          + (tenantsBlockingDeletion.size() > 10 ? " and " + (tenantsBlockingDeletion.size() - 10) + " more" : "");
    } else if (!plan.available()) {
      reason = plan.unavailableReason();
      message = plan.unavailableMessage();
    } else if (!plan.hostnamesOverCapacity().isEmpty()) {
      reason = StatusReasons.LISTENER_FULL;
      message = plan.hostnamesOverCapacity().size() + " hostnames do not fit on the https listener (at most 64 "
          + "certificates per listener, a Gateway API limit), e.g. " + plan.hostnamesOverCapacity().get(0)
          + "; move tenants to another class";
    } else if (!refused.isEmpty()) {
      reason = StatusReasons.APPLY_REFUSED;
      message = "the API server refused " + refused.size() + " object(s), every other one was applied; retried "
          + "with backoff: " + String.join("; ", refused.stream().limit(5).map(RefusedObject::toString).toList())
          + (refused.size() > 5 ? "; and " + (refused.size() - 5) + " more (status.refused)" : "");
    } else if (!namesTaken.isEmpty()) {
      reason = StatusReasons.OBJECT_NAME_TAKEN;
      message = "objects the operator does not manage already use these names, so they were left alone: "
          + String.join(", ", namesTaken.stream().limit(10).toList());
    } else if (!policyProblems.isEmpty()) {
      reason = StatusReasons.HAND_WRITTEN_POLICY;
      message = policyProblems.get(0);
    }
    conditions.set(ConditionTypes.READY, reason.equals(StatusReasons.READY), reason, message);

    String gateway = effective.shared() ? effective.gatewayNamespace() + "/" + effective.gatewayName()
        : "per tenant namespace";
    return new TenantIngressClassStatus(generation, conditions.conditions(), gateway, plan.tenants().size(),
        (int) plan.admittedHostnames(), refused.isEmpty() ? null : List.copyOf(refused));
  }

  /**
   * Whether a change of a class's status is news, written at once: anything but its counts of tenants and hostnames
   * and the Ready message that tells them, which change with every tenant onboarded and are written at most every
   * few seconds.
   */
  public static boolean significantChange(TenantIngressClassStatus before, TenantIngressClassStatus after) {
    return before == null || !withoutCounts(before).equals(withoutCounts(after));
  }

  private static TenantIngressClassStatus withoutCounts(TenantIngressClassStatus status) {
    List<Condition> conditions = status.conditions() == null ? null : status.conditions().stream()
        .map(c -> ConditionTypes.READY.equals(c.getType()) ? new ConditionBuilder(c).withMessage(null).build() : c)
        .toList();
    return new TenantIngressClassStatus(status.observedGeneration(), conditions, status.gateway(), null, null,
        status.refused());
  }

  /**
   * Policies not written by the operator that target one of the class's Gateways by name: in another namespace
   * Envoy Gateway ignores them silently; in the Gateway's namespace they contradict the class's own.
   */
  static List<String> policyConflicts(ClassPlan plan, List<ClientTrafficPolicy> policies) {
    List<GatewayInstance> gateways = GatewayInstance.of(plan);
    Set<String> names = gateways.stream().map(GatewayInstance::name).collect(Collectors.toSet());
    Set<String> namespaced = gateways.stream().map(g -> g.namespace() + "/" + g.name()).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    for (ClientTrafficPolicy policy : policies) {
      if (OwnershipLabels.isOperators(policy) || policy.getSpec() == null || policy.getSpec().targetRefs() == null) {
        continue;
      }
      String namespace = policy.getMetadata().getNamespace();
      String name = "ClientTrafficPolicy " + namespace + "/" + policy.getMetadata().getName();
      for (ClientTrafficPolicySpec.PolicyTargetReference target : policy.getSpec().targetRefs()) {
        if (!"Gateway".equals(target.kind()) || !names.contains(target.name())) {
          continue;
        }
        if (!namespaced.contains(namespace + "/" + target.name())) {
          problems.add(name + " targets Gateway " + target.name() + " from another namespace, which Envoy Gateway "
              + "ignores; delete it (the class renders the Gateway's policy in its namespace)");
        } else if (policy.getSpec().proxyProtocol() != null
            && Boolean.TRUE.equals(policy.getSpec().proxyProtocol().optional())) {
          problems.add(name + " sets proxyProtocol.optional: true, which lets clients without the PROXY header "
              + "bypass client-IP enforcement; delete it");
        } else if (policy.getSpec().clientIPDetection() != null
            && policy.getSpec().clientIPDetection().xForwardedFor() != null
            && policy.getSpec().clientIPDetection().customHeader() != null) {
          problems.add(name + " sets both xForwardedFor and customHeader, which are mutually exclusive; delete it");
        } else {
          problems.add(name + " targets the same Gateway as the class's own policy; delete it and set clientIP on "
              + "the class");
        }
      }
    }
    return problems;
  }
}
