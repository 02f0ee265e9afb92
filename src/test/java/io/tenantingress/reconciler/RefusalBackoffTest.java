package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.tenantingress.testing.SettableClock;
import org.junit.jupiter.api.Test;

class RefusalBackoffTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final RefusalBackoff backoff = new RefusalBackoff(clock);

  @Test
  void refusalsAreRetriedAfterAsLongAsTheyLastedBetweenFiveSecondsAndFiveMinutes() {
    assertThat(backoff.next("a", true)).hasValue(Duration.ofSeconds(5));
    assertThat(backoff.next("a", true)).as("however many passes come between").hasValue(Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    assertThat(backoff.next("a", true)).hasValue(Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    assertThat(backoff.next("a", true)).hasValue(Duration.ofSeconds(10));
    assertThat(backoff.next("b", true)).as("per class").hasValue(Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(3600));
    assertThat(backoff.next("a", true)).hasValue(RefusalBackoff.CEILING);
    assertThat(backoff.next("a", false)).isEqualTo(Optional.empty());
    assertThat(backoff.next("a", true)).hasValue(Duration.ofSeconds(5));
  }
}
