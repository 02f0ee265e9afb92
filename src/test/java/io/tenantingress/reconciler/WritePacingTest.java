package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WritePacingTest {

  private Instant now = Instant.parse("2026-11-23T00:00:00Z");
  private final WritePacing pacing = new WritePacing(Duration.ofSeconds(1), new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  });

  @Test
  void aGatewayNotWrittenBeforeIsWrittenAtOnce() {
    assertThat(pacing.wait("Gateway/gw/shared")).isEmpty();
  }

  @Test
  void aSecondWriteWithinTheIntervalWaitsForWhatIsLeftOfIt() {
    pacing.written("Gateway/gw/shared");
    now = now.plusMillis(300);

    assertThat(pacing.wait("Gateway/gw/shared")).contains(Duration.ofMillis(700));
    assertThat(pacing.wait("Gateway/other/shared")).as("other Gateways are paced on their own").isEmpty();
    now = now.plusMillis(700);
    assertThat(pacing.wait("Gateway/gw/shared")).isEmpty();
  }

  @Test
  void aForgottenObjectIsWrittenAtOnce() {
    pacing.written("TenantIngress/a/web");
    pacing.forget("TenantIngress/a/web");

    assertThat(pacing.wait("TenantIngress/a/web")).isEmpty();
  }
}
