package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.tenantingress.desired.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlannerTest {

  /** How many times the inputs were read, which is what each plan "holds". */
  private final AtomicInteger computed = new AtomicInteger();
  /** The input as the caches hold it now. */
  private final AtomicInteger input = new AtomicInteger();
  private final List<Integer> planned = new CopyOnWriteArrayList<>();
  /** What each plan was told changed since the one before. */
  private final List<Planner.Input> changes = new CopyOnWriteArrayList<>();
  private final Planner planner = new Planner(changed -> {
    computed.incrementAndGet();
    planned.add(input.get());
    changes.add(changed);
    return PlanIndex.of(new Plan(List.of(), List.of()), List.of(), Optional.empty());
  });
  private final ResourceEventHandler<Namespace> namespaces = planner.input((updated, previous) ->
      !updated.getMetadata().getLabels().equals(previous.getMetadata().getLabels()));

  @AfterEach
  void close() {
    planner.close();
  }

  @Test
  void nothingIsPlannedBeforeTheFirstReconcileAsksAndThatPlanServesEveryoneUntilAnInputChanges() throws Exception {
    namespaces.onAdd(namespace("a"));
    Thread.sleep(200);
    assertThat(computed).hasValue(0);

    PlanIndex first = planner.current();
    assertThat(planner.current()).isSameAs(first);
    assertThat(computed).hasValue(1);
  }

  @Test
  void aChangeThePlanReadsPublishesANewPlanToTheListenersAndOneItDoesNotReadDoesNot() throws Exception {
    List<PlanIndex[]> published = new CopyOnWriteArrayList<>();
    planner.onNewPlan((previous, next) -> published.add(new PlanIndex[] {previous, next}));
    PlanIndex first = planner.current();

    namespaces.onUpdate(namespace("a"), namespace("a"));
    ResourceEventHandler<Namespace> unread = planner.input(Planner.Input.DECISIONS, n -> false,
        (updated, previous) -> false);
    unread.onAdd(namespace("b"));
    unread.onDelete(namespace("b"), false);
    Thread.sleep(200);
    assertThat(published).isEmpty();

    input.set(1);
    namespaces.onUpdate(namespace("a"), namespace("a", "team", "a"));
    await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
    assertThat(published.get(0)[0]).isSameAs(first);
    assertThat(published.get(0)[1]).isSameAs(planner.current());
    assertThat(planned).containsExactly(0, 1);
  }

  @Test
  void changesWhilePlanningGoIntoOneNextPlanThatHoldsTheLastAndPlanningTakesAtMostAThirdOfTheTime() {
    List<Long> starts = new CopyOnWriteArrayList<>();
    Planner slow = new Planner(changed -> {
      starts.add(System.nanoTime());
      planned.add(input.get());
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return PlanIndex.of(new Plan(List.of(), List.of()), List.of(), Optional.empty());
    });
    try {
      ResourceEventHandler<Namespace> input = slow.input((updated, previous) -> true);
      slow.current();
      for (int i = 1; i <= 50; i++) {
        this.input.set(i);
        input.onAdd(namespace("n" + i));
        sleep(10);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> planned.get(planned.size() - 1) == 50);
      // Each plan takes 0.1 s and the next starts no sooner than twice that after it: 50 changes, a handful of plans.
      assertThat(planned.size()).isLessThan(10);
      for (int i = 2; i < starts.size(); i++) {
        assertThat(starts.get(i) - starts.get(i - 1)).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
      }
    } finally {
      slow.close();
    }
  }

  @Test
  void aPlanIsToldWhetherOnlyIssuanceChangedSinceTheOneBefore() {
    ResourceEventHandler<Namespace> issuance = planner.input(Planner.Input.ISSUANCE, n -> true, (u, p) -> true);
    planner.current();

    issuance.onAdd(namespace("a"));
    await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 2);
    namespaces.onUpdate(namespace("b"), namespace("b", "team", "b"));
    issuance.onAdd(namespace("c"));
    await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() >= 3);
    sleep(200);
    assertThat(changes).as("the first plan, one of issuance alone, then one holding a decision")
        .startsWith(Planner.Input.DECISIONS, Planner.Input.ISSUANCE, Planner.Input.DECISIONS);
    assertThat(changes.get(changes.size() - 1)).isEqualTo(changes.size() == 3 ? Planner.Input.DECISIONS
        : Planner.Input.ISSUANCE);
  }

  @Test
  void wholePlansStaySpacedByWhatAWholePlanTakesBetweenPlansOfIssuanceAlone() {
    List<Long> wholeStarts = new CopyOnWriteArrayList<>();
    Planner planner = new Planner(changed -> {
      if (changed == Planner.Input.DECISIONS) {
        wholeStarts.add(System.nanoTime());
        sleep(100);
      }
      return PlanIndex.of(new Plan(List.of(), List.of()), List.of(), Optional.empty());
    });
    try {
      ResourceEventHandler<Namespace> decisions = planner.input((updated, previous) -> true);
      ResourceEventHandler<Namespace> issuance = planner.input(Planner.Input.ISSUANCE, n -> true, (u, p) -> true);
      planner.current();
      long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      for (int i = 0; System.nanoTime() < end; i++) {
        (i % 2 == 0 ? issuance : decisions).onAdd(namespace("n" + i));
        sleep(5);
      }
      // The first plan was the one asked for; each next whole one starts three times 0.1 s after the one before.
      assertThat(wholeStarts.size()).isBetween(3, 9);
      for (int i = 2; i < wholeStarts.size(); i++) {
        assertThat(wholeStarts.get(i) - wholeStarts.get(i - 1)).isGreaterThanOrEqualTo(Duration.ofMillis(300)
            .toNanos());
      }
    } finally {
      planner.close();
    }
  }

  @Test
  void aPlanThatFailedIsMadeAgainFromScratch() {
    AtomicInteger attempts = new AtomicInteger();
    List<Planner.Input> told = new CopyOnWriteArrayList<>();
    Planner failing = new Planner(changed -> {
      told.add(changed);
      if (attempts.incrementAndGet() == 2) {
        throw new IllegalStateException("the first plan after the start fails");
      }
      return PlanIndex.of(new Plan(List.of(), List.of()), List.of(), Optional.empty());
    });
    try {
      failing.current();
      failing.input(Planner.Input.ISSUANCE, n -> true, (u, p) -> true).onAdd(namespace("a"));
      await().atMost(Duration.ofSeconds(5)).until(() -> told.size() == 3);
      assertThat(told).containsExactly(Planner.Input.DECISIONS, Planner.Input.ISSUANCE, Planner.Input.DECISIONS);
    } finally {
      failing.close();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Namespace namespace(String name, String... labels) {
    NamespaceBuilder builder = new NamespaceBuilder().withNewMetadata().withName(name).withLabels(new java.util.HashMap<>())
        .endMetadata();
    for (int i = 0; i < labels.length; i += 2) {
      builder.editMetadata().addToLabels(labels[i], labels[i + 1]).endMetadata();
    }
    return builder.build();
  }
}
