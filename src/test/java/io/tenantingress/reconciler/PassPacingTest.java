package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PassPacingTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicLong cpu = new AtomicLong();
  private final PassPacing pacing = new PassPacing(now::get, cpu::get);

  /** A pass that computes for {@code computing} and waits on the API server for {@code waiting}. */
  private String pass(String className, Duration computing, Duration waiting) {
    return pacing.pass(className, () -> {
      cpu.addAndGet(computing.toNanos());
      now.addAndGet(computing.toNanos() + waiting.toNanos());
      return "done";
    });
  }

  @Test
  void aClassNeverReconciledBeforeIsReconciledAtOnce() {
    assertThat(pacing.wait("shared")).isEmpty();
  }

  @Test
  void theNextPassWaitsWhatTheLastOneComputedNotWhatItWaitedFor() {
    assertThat(pass("shared", Duration.ofMillis(80), Duration.ofSeconds(30))).isEqualTo("done");

    assertThat(pacing.wait("shared")).contains(Duration.ofMillis(80));
    assertThat(pacing.wait("other")).as("each class is paced on its own").isEmpty();
    now.addAndGet(Duration.ofMillis(30).toNanos());
    assertThat(pacing.wait("shared")).contains(Duration.ofMillis(50));
    now.addAndGet(Duration.ofMillis(50).toNanos());
    assertThat(pacing.wait("shared")).isEmpty();
  }

  @Test
  void aCheapPassBarelyDelaysTheNext() {
    pass("small", Duration.ofMillis(2), Duration.ofMillis(40));

    assertThat(pacing.wait("small")).contains(Duration.ofMillis(2));
  }

  @Test
  void aFailedPassIsPacedAsWell() {
    assertThatThrownBy(() -> pacing.pass("shared", () -> {
      cpu.addAndGet(Duration.ofMillis(60).toNanos());
      throw new IllegalStateException("the API server is away");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(pacing.wait("shared")).contains(Duration.ofMillis(60));
  }

  @Test
  void aClassThatIsGoneIsForgotten() {
    pass("gone", Duration.ofMillis(100), Duration.ZERO);
    pacing.forget("gone");

    assertThat(pacing.wait("gone")).isEmpty();
  }
}
