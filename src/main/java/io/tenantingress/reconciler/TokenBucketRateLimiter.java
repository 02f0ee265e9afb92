package io.tenantingress.reconciler;

import io.javaoperatorsdk.operator.processing.event.rate.RateLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The class reconciler's pace: a bucket of {@value #CAPACITY} passes per class, refilled at {@value #PER_SECOND}
 * per second. After a quiet spell a change is reconciled at once, and so are the few passes onboarding a tenant
 * takes (its objects, then its listener once the certificate is issued); an event storm (thousands of tenants,
 * certificates issued in bulk) is spread over passes at the refill rate, each absorbing every change since the
 * one before, instead of one pass per event over every object of the class.
 *
 * <p>java-operator-sdk's own {@code @RateLimited} counts passes in fixed windows and, once a window is used up,
 * asks to be called again after the time elapsed in the window rather than the time left in it.
 */
public final class TokenBucketRateLimiter implements RateLimiter<TokenBucketRateLimiter.Bucket> {

  static final int CAPACITY = 10;
  static final double PER_SECOND = 5;

  /** One class's bucket. */
  public static final class Bucket implements RateLimitState {
    private double tokens = CAPACITY;
    private long refilledAt;

    private Bucket(long now) {
      this.refilledAt = now;
    }
  }

  private final LongSupplier nanoTime;

  public TokenBucketRateLimiter() {
    this(System::nanoTime);
  }

  TokenBucketRateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public Optional<Duration> isLimited(RateLimitState state) {
    Bucket bucket = (Bucket) state;
    synchronized (bucket) {
      long now = nanoTime.getAsLong();
      bucket.tokens = Math.min(CAPACITY, bucket.tokens + (now - bucket.refilledAt) / 1e9 * PER_SECOND);
      bucket.refilledAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / PER_SECOND * 1e9)));
    }
  }

  @Override
  public Bucket initState() {
    return new Bucket(nanoTime.getAsLong());
  }
}
