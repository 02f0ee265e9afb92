package io.tenantingress.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class EmbeddedKubernetesTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  void aStartWhoseReadinessDeadlineIsBeforeMidnightStartsAtOnce() {
    assertThat(EmbeddedKubernetes.waitForStartupDeadline(LocalTime.NOON, TIMEOUT)).isZero();
    assertThat(EmbeddedKubernetes.waitForStartupDeadline(LocalTime.of(23, 57, 59), TIMEOUT)).isZero();
    assertThat(EmbeddedKubernetes.waitForStartupDeadline(LocalTime.MIDNIGHT, TIMEOUT)).isZero();
  }

  /** The start of a failed CI run: 23:58:48, whose deadline kube-api-test read as 00:00:48 and so as passed. */
  @Test
  void aStartWhoseReadinessDeadlineFallsAfterMidnightWaitsUntilJustAfterIt() {
    LocalTime now = LocalTime.of(23, 58, 48);
    Duration wait = EmbeddedKubernetes.waitForStartupDeadline(now, TIMEOUT);

    assertThat(wait).isBetween(Duration.ofSeconds(72), Duration.ofSeconds(73));
    LocalTime start = now.plus(wait);
    assertThat(start).isBefore(LocalTime.of(0, 0, 2));
    assertThat(EmbeddedKubernetes.waitForStartupDeadline(start, TIMEOUT)).isZero();
    assertThat(EmbeddedKubernetes.waitForStartupDeadline(LocalTime.of(23, 58), TIMEOUT)).isPositive();
  }
}
