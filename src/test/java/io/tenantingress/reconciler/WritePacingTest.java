package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import io.tenantingress.testing.SettableClock;
import org.junit.jupiter.api.Test;

class WritePacingTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T00:00:00Z"));
  private final WritePacing pacing = new WritePacing(Duration.ofSeconds(1), clock);

  @Test
  void aGatewayNotWrittenBeforeIsWrittenAtOnce() {
    assertThat(pacing.wait("Gateway/gw/shared")).isEmpty();
  }

  @Test
  void aSecondWriteWithinTheIntervalWaitsForWhatIsLeftOfIt() {
    pacing.written("Gateway/gw/shared");
    clock.advance(Duration.ofMillis(300));

    assertThat(pacing.wait("Gateway/gw/shared")).contains(Duration.ofMillis(700));
    assertThat(pacing.wait("Gateway/other/shared")).as("other Gateways are paced on their own").isEmpty();
    clock.advance(Duration.ofMillis(700));
    assertThat(pacing.wait("Gateway/gw/shared")).isEmpty();
  }

  @Test
  void aForgottenObjectIsWrittenAtOnce() {
    pacing.written("TenantIngress/a/web");
    pacing.forget("TenantIngress/a/web");

    assertThat(pacing.wait("TenantIngress/a/web")).isEmpty();
  }

  @Test
  void stepsOfAChangeUnderWayWaitTwiceAsLongEachTimeUpToTheLongestAndAnyOtherWriteStartsOver() {
    WritePacing growing = new WritePacing(Duration.ofSeconds(5), Duration.ofSeconds(40), clock);
    String key = "TenantIngress/a/web";
    growing.written(key);
    assertThat(growing.wait(key)).contains(Duration.ofSeconds(5));

    for (long expected : new long[] {10, 20, 40, 40}) {
      clock.advance(growing.wait(key).orElseThrow());
      assertThat(growing.wait(key)).isEmpty();
      growing.stepWritten(key);
      assertThat(growing.wait(key)).as("after a step").contains(Duration.ofSeconds(expected));
    }

    growing.written(key);
    assertThat(growing.wait(key)).as("after Ready, a problem or a new generation").contains(Duration.ofSeconds(5));
  }

  @Test
  void aFirstStepWaitsTheShortestIntervalAndAFixedPaceNeverGrows() {
    WritePacing growing = new WritePacing(Duration.ofSeconds(5), Duration.ofSeconds(40), clock);
    growing.stepWritten("TenantIngress/a/web");
    assertThat(growing.wait("TenantIngress/a/web")).contains(Duration.ofSeconds(5));

    pacing.stepWritten("Gateway/gw/shared");
    pacing.stepWritten("Gateway/gw/shared");
    assertThat(pacing.wait("Gateway/gw/shared")).contains(Duration.ofSeconds(1));
  }
}
