package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
    tenants(0, 1000).forEach(shared::written);
    assertThat(shared.interval()).as("written, nothing waiting: the interval given").isEqualTo(Duration.ofSeconds(5));
    tenants(0, 100).forEach(shared::putOff);
    assertThat(shared.interval()).as("100 waiting at 20 a second: one write each per 5 s").isEqualTo(
        Duration.ofSeconds(5));
    tenants(100, 1000).forEach(shared::putOff);
    clock.advance(Duration.ofSeconds(1));
    assertThat(shared.interval()).isEqualTo(Duration.ofSeconds(50));
    assertThat(shared.wait("TenantIngress/t0/web")).contains(Duration.ofSeconds(49));
    assertThat(shared.wait("TenantIngress/new/web")).as("a first write waits for nobody").isEmpty();

    tenants(0, 400).forEach(shared::written);
    assertThat(shared.interval()).as("written, they no longer wait: 600 left").isEqualTo(Duration.ofSeconds(30));
    tenants(400, 700).forEach(shared::settled);
    assertThat(shared.interval()).as("with nothing left to write, neither: 300 left").isEqualTo(
        Duration.ofSeconds(15));
    tenants(700, 800).forEach(shared::forget);
    assertThat(shared.interval()).as("gone, neither: 200 left").isEqualTo(Duration.ofSeconds(10));
  }

  private static Stream<String> tenants(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "TenantIngress/t" + i + "/web");
  }
}
