package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantingress.status.TenantIngressStatusComputer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events for what a person should notice, as {@code kubectl describe} shows them: a Warning when a
 * condition turns False (or changes its reason while False) for a problem (a hostname conflict, a rejected
 * route, a class in use), and a Normal event when Ready turns True. Conditions that are False only while their
 * objects are on their way ({@link TenantIngressStatusComputer#PROGRESS_REASONS}) and the other conditions
 * turning True are in the status, not in events: onboarding a tenant records one event, not one per step.
 */
final class TransitionEvents {

  private static final Logger log = LoggerFactory.getLogger(TransitionEvents.class);
  private static final String COMPONENT = "tenant-ingress-operator";

  private final KubernetesClient client;

  TransitionEvents(KubernetesClient client) {
    this.client = client;
  }

  void record(HasMetadata object, List<Condition> before, List<Condition> after) {
    for (Condition condition : after) {
      Condition previous = before == null ? null : before.stream()
          .filter(c -> condition.getType().equals(c.getType())).findFirst().orElse(null);
      boolean changed = previous == null || !previous.getStatus().equals(condition.getStatus())
          || !Objects.equals(previous.getReason(), condition.getReason());
      boolean problem = "False".equals(condition.getStatus())
          && !TenantIngressStatusComputer.PROGRESS_REASONS.contains(condition.getReason());
      boolean nowReady = "Ready".equals(condition.getType()) && "True".equals(condition.getStatus());
      if (changed && (problem || nowReady)) {
        emit(object, nowReady ? "Normal" : "Warning", condition.getReason(),
            condition.getType() + ": " + condition.getMessage());
      }
    }
  }

  /** A hand-written object the class took over, and what that changed: said as it happens. */
  void adopted(HasMetadata tenantClass, String report) {
    emit(tenantClass, "Normal", "Adopted", report);
  }

  private void emit(HasMetadata object, String type, String reason, String message) {
    String now = Instant.now().toString();
    // Events about cluster-scoped objects (a TenantIngressClass) live in "default", as kubectl looks for them.
    String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withName(object.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
          .withNamespace(namespace).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion())
              .withKind(object.getKind()).withName(object.getMetadata().getName())
              .withNamespace(object.getMetadata().getNamespace()).withUid(object.getMetadata().getUid()).build())
          .withType(type).withReason(reason).withMessage(message)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        // The name is random: only the client's own retry of a create whose answer was lost finds it taken.
        return;
      }
      // An event is a courtesy: failing to record one must not fail the reconcile that caused it.
      log.warn("could not record event {} on {}/{}: {}", reason, object.getMetadata().getNamespace(),
          object.getMetadata().getName(), e.getMessage());
    }
  }
}
