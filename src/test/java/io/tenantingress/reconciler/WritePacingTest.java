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
  void objectsSharingARateWaitLongerTheMoreOfThemWait() {
    WritePacing shared = new WritePacing(Duration.ofSeconds(5), 20, clock);
    for (int i = 0; i < 1000; i++) {
      shared.written("TenantIngress/t" + i + "/web");
    }
    assertThat(shared.interval()).as("written, nothing waiting: the interval given").isEqualTo(Duration.ofSeconds(5));
    for (int i = 0; i < 100; i++) {
      shared.putOff("TenantIngress/t" + i + "/web");
    }
    assertThat(shared.interval()).as("100 waiting at 20 a second: one write each per 5 s").isEqualTo(
        Duration.ofSeconds(5));
    for (int i = 100; i < 1000; i++) {
      shared.putOff("TenantIngress/t" + i + "/web");
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(shared.interval()).isEqualTo(Duration.ofSeconds(50));
    assertThat(shared.wait("TenantIngress/t0/web")).contains(Duration.ofSeconds(49));
    assertThat(shared.wait("TenantIngress/new/web")).as("a first write waits for nobody").isEmpty();

    for (int i = 0; i < 400; i++) {
      shared.written("TenantIngress/t" + i + "/web");
    }
    assertThat(shared.interval()).as("written, they no longer wait: 600 left").isEqualTo(Duration.ofSeconds(30));
    for (int i = 400; i < 700; i++) {
      shared.settled("TenantIngress/t" + i + "/web");
    }
    assertThat(shared.interval()).as("with nothing left to write, neither: 300 left").isEqualTo(
        Duration.ofSeconds(15));
    for (int i = 700; i < 800; i++) {
      shared.forget("TenantIngress/t" + i + "/web");
    }
    assertThat(shared.interval()).as("gone, neither: 200 left").isEqualTo(Duration.ofSeconds(10));
  }
}
