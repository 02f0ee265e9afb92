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
  void passesTakeAtMostHalfACore() {
    pass("shared", Duration.ofMillis(80), Duration.ofMillis(20));

    assertThat(pacing.wait("shared")).as("started 100 ms ago, computed 80").contains(Duration.ofMillis(60));
    assertThat(pacing.wait("other")).as("each class is paced on its own").isEmpty();
    now.addAndGet(Duration.ofMillis(30).toNanos());
    assertThat(pacing.wait("shared")).contains(Duration.ofMillis(30));
    now.addAndGet(Duration.ofMillis(30).toNanos());
    assertThat(pacing.wait("shared")).isEmpty();
  }

  @Test
  void aPassThatMostlyWaitedForItsWritesIsFollowedAtOnce() {
    pass("shared", Duration.ofMillis(80), Duration.ofSeconds(30));

    assertThat(pacing.wait("shared")).isEmpty();
  }

  @Test
  void aCheapPassBarelyDelaysTheNext() {
    pass("small", Duration.ofMillis(2), Duration.ZERO);

    assertThat(pacing.wait("small")).contains(Duration.ofMillis(2));
  }

  @Test
  void aFailedPassIsPacedAsWell() {
    assertThatThrownBy(() -> pacing.pass("shared", () -> {
      cpu.addAndGet(Duration.ofMillis(60).toNanos());
      throw new IllegalStateException("the API server is away");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(pacing.wait("shared")).contains(Duration.ofMillis(120));
  }

  @Test
  void aClassThatIsGoneIsForgotten() {
    pass("gone", Duration.ofMillis(100), Duration.ZERO);
    pacing.forget("gone");

    assertThat(pacing.wait("gone")).isEmpty();
  }
}
