package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.tenantingress.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedNamespacesTest {

  private static final Namespace TEAM_A = metadata("team-a", "a.example.com");
  private static final Namespace TEAM_B = metadata("team-b", "b.example.com");

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final VerifiedNamespaces verified = new VerifiedNamespaces(clock);

  @Test
  void theFirstPassLooksAtEveryNamespace() {
    assertThat(verified.toCheck(Map.of("team-a", TEAM_A))).isEmpty();
  }

  @Test
  void afterAWholePassOnlyWhatChangedIsLookedAt() {
    Map<String, Namespace> desired = Map.of("team-a", TEAM_A, "team-b", TEAM_B);
    wholePass(desired);

    assertThat(verified.toCheck(desired)).as("the same metadata objects").hasValue(Set.of());

    Namespace teamBAgain = metadata("team-b", "b.example.com");
    assertThat(verified.toCheck(Map.of("team-a", TEAM_A, "team-b", teamBAgain)))
        .as("another object, even an equal one").hasValue(Set.of("team-b"));
  }

  @Test
  void aNamespaceNoLongerDesiredIsLookedAtUntilAPassFoundItCarryingNothing() {
    wholePass(Map.of("team-a", TEAM_A, "team-b", TEAM_B));
    Map<String, Namespace> withoutTeamB = Map.of("team-a", TEAM_A);

    assertThat(verified.toCheck(withoutTeamB)).hasValue(Set.of("team-b"));
    verified.checked(Set.of("team-b"), withoutTeamB, false);

    assertThat(verified.toCheck(withoutTeamB)).hasValue(Set.of());
  }

  @Test
  void aNamespaceTheInformerHeardChangeIsLookedAtOnce() {
    Map<String, Namespace> desired = Map.of("team-a", TEAM_A);
    wholePass(desired);

    verified.changed("team-a");
    verified.changed("elsewhere");
    assertThat(verified.toCheck(desired)).hasValue(Set.of("team-a", "elsewhere"));
    verified.checked(Set.of("team-a", "elsewhere"), desired, false);

    assertThat(verified.toCheck(desired)).hasValue(Set.of());
  }

  @Test
  void afterAFailedPassOrTenMinutesEveryNamespaceIsLookedAt() {
    Map<String, Namespace> desired = Map.of("team-a", TEAM_A);
    wholePass(desired);
    verified.toCheck(desired);
    verified.failed();
    assertThat(verified.toCheck(desired)).as("after a failed pass").isEmpty();

    wholePass(desired);
    clock.advance(Duration.ofMinutes(ManagedObjectApplier.TRUSTED_MINUTES).minusSeconds(1));
    assertThat(verified.toCheck(desired)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(verified.toCheck(desired)).as("ten minutes after the last whole pass").isEmpty();
  }

  private void wholePass(Map<String, Namespace> desired) {
    assertThat(verified.toCheck(desired)).isEmpty();
    verified.checked(desired.keySet(), desired, true);
  }

  private static Namespace metadata(String name, String hostname) {
    return new NamespaceBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("tenantingress.io/public", "true"))
        .withAnnotations(Map.of("tenantingress.io/hostnames", hostname)).endMetadata().build();
  }
}
