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
}
