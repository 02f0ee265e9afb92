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
 * <p>The interval may grow: each write that is a step of a change still under way doubles it for that object, up
 * to {@code longest}; any other write brings it back to the shortest. So the first steps of a change show within
 * the shortest interval, and an object that keeps changing for minutes (a tenant waiting in a burst of thousands)
 * is written a handful of times instead of once per interval.
 */
final class WritePacing {

  private record Pace(Instant last, Duration interval) {
  }

  private final Duration shortest;
  private final Duration longest;
  private final Clock clock;
  private final Map<String, Pace> paces = new ConcurrentHashMap<>();

  /** A fixed interval. */
  WritePacing(Duration interval, Clock clock) {
    this(interval, interval, clock);
  }

  WritePacing(Duration shortest, Duration longest, Clock clock) {
    this.shortest = shortest;
    this.longest = longest;
    this.clock = clock;
  }

  /** How long a write of this object must still wait; empty when it may be written now. */
  Optional<Duration> wait(String key) {
    Pace pace = paces.get(key);
    if (pace == null) {
      return Optional.empty();
    }
    Duration left = pace.interval().minus(Duration.between(pace.last(), clock.instant()));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** A write after which the next waits the shortest interval. */
  void written(String key) {
    paces.put(key, new Pace(clock.instant(), shortest));
  }

  /** A step of a change still under way: the next write waits twice as long as this one did, at most the longest. */
  void stepWritten(String key) {
    Pace previous = paces.get(key);
    Duration doubled = previous == null ? shortest : previous.interval().multipliedBy(2);
    paces.put(key, new Pace(clock.instant(), doubled.compareTo(longest) > 0 ? longest : doubled));
  }

  void forget(String key) {
    paces.remove(key);
  }
}
