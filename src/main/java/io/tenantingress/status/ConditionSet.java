package io.tenantingress.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Conditions as Kubernetes conventions want them: one per type, each with the generation it describes, and a
 * lastTransitionTime that changes only when the status does, so that an unchanged reconcile writes nothing.
 */
public final class ConditionSet {

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private final List<Condition> previous;
  private final long generation;
  private final String now;
  private final List<Condition> conditions = new ArrayList<>();

  public ConditionSet(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public ConditionSet set(String type, boolean status, String reason, String message) {
    String value = status ? TRUE : FALSE;
    String transition = previous.stream().filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime).findFirst().orElse(now);
    conditions.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
        .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(transition).build());
    return this;
  }

  /** Carries a condition over as it was (one that records an event rather than a state). */
  public ConditionSet keep(Condition condition) {
    conditions.add(condition);
    return this;
  }

  public List<Condition> conditions() {
    return List.copyOf(conditions);
  }
}
