package io.tenantingress.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one write per object per interval, for writes whose intermediate states nobody needs: a burst of
 * changes is folded into few writes, each carrying every change since the one before, and an object not
 * written for an interval is written at once, so a lone change does not wait. The caller reschedules itself
 * for the time left, so the last state is always written.
 *
 * <p>Optionally all objects share a rate: when more objects were written in the last minute than that rate allows
 * in one interval, the interval grows with their number, so that thousands of objects waiting at once cost the API
 * server that many writes a second in all, not one per object per interval.
 */
final class WritePacing {

  /** How recent a write makes its object one of those sharing the rate. */
  static final Duration ACTIVE = Duration.ofMinutes(1);
  private static final long RECOUNT_MILLIS = 1_000;

  private final Duration interval;
  private final double sharedPerSecond;
  private final Clock clock;
  private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();
  private volatile Instant countedAt;
  private volatile long active;

  /** One write per object per {@code interval}, however many objects. */
  WritePacing(Duration interval, Clock clock) {
    this(interval, 0, clock);
  }

  /**
   * @param sharedPerSecond the writes per second all objects share, once there are enough of them that one write
   *     each per {@code interval} would be more
   */
  WritePacing(Duration interval, double sharedPerSecond, Clock clock) {
    this.interval = interval;
    this.sharedPerSecond = sharedPerSecond;
    this.clock = clock;
  }

  /** How long a write of this object must still wait; empty when it may be written now. */
  Optional<Duration> wait(String key) {
    Instant last = lastWrite.get(key);
    if (last == null) {
      return Optional.empty();
    }
    Duration left = interval().minus(Duration.between(last, clock.instant()));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** The interval now: the one given, or longer while more objects share the rate than it allows. */
  Duration interval() {
    if (sharedPerSecond <= 0) {
      return interval;
    }
    Instant now = clock.instant();
    if (countedAt == null || Duration.between(countedAt, now).toMillis() >= RECOUNT_MILLIS) {
      Instant since = now.minus(ACTIVE);
      active = lastWrite.values().stream().filter(w -> w.isAfter(since)).count();
      countedAt = now;
    }
    Duration shared = Duration.ofMillis((long) (active * 1000 / sharedPerSecond));
    return shared.compareTo(interval) > 0 ? shared : interval;
  }

  void written(String key) {
    lastWrite.put(key, clock.instant());
  }

  void forget(String key) {
    lastWrite.remove(key);
  }
}
