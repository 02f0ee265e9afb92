package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(now::get);

  @Test
  void passesAfterAQuietSpellRunAtOnce() {
    var bucket = limiter.initState();

    for (int i = 0; i < TokenBucketRateLimiter.CAPACITY; i++) {
      assertThat(limiter.isLimited(bucket)).as("pass %d", i).isEmpty();
    }
  }

  @Test
  void aBurstBeyondTheBucketWaitsForTheNextToken() {
    var bucket = limiter.initState();
    for (int i = 0; i < TokenBucketRateLimiter.CAPACITY; i++) {
      limiter.isLimited(bucket);
    }

    assertThat(limiter.isLimited(bucket)).contains(Duration.ofMillis(200));
    now.addAndGet(Duration.ofMillis(80).toNanos());
    assertThat(limiter.isLimited(bucket)).as("asking again takes no token").contains(Duration.ofMillis(120));
    now.addAndGet(Duration.ofMillis(120).toNanos());
    assertThat(limiter.isLimited(bucket)).isEmpty();
    assertThat(limiter.isLimited(bucket)).contains(Duration.ofMillis(200));
  }

  @Test
  void theBucketRefillsToItsCapacityAndNoFurther() {
    var bucket = limiter.initState();
    for (int i = 0; i < TokenBucketRateLimiter.CAPACITY; i++) {
      limiter.isLimited(bucket);
    }

    now.addAndGet(Duration.ofMinutes(10).toNanos());

    for (int i = 0; i < TokenBucketRateLimiter.CAPACITY; i++) {
      assertThat(limiter.isLimited(bucket)).as("pass %d", i).isEmpty();
    }
    assertThat(limiter.isLimited(bucket)).isPresent();
  }
}
