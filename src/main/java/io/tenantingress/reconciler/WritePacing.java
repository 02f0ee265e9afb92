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
 */
final class WritePacing {

  private final Duration interval;
  private final Clock clock;
  private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

  WritePacing(Duration interval, Clock clock) {
    this.interval = interval;
    this.clock = clock;
  }

  /** How long a write of this object must still wait; empty when it may be written now. */
  Optional<Duration> wait(String key) {
    Instant last = lastWrite.get(key);
    if (last == null) {
      return Optional.empty();
    }
    Duration left = interval.minus(Duration.between(last, clock.instant()));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  void written(String key) {
    lastWrite.put(key, clock.instant());
  }

  void forget(String key) {
    lastWrite.remove(key);
  }
}
