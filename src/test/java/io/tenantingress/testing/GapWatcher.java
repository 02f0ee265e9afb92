package io.tenantingress.testing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Looks every 50 ms whether something holds (a hostname has its certificate on a listener) while a test changes
 * the cluster under it, and keeps each moment it did not, with what was seen then.
 */
public final class GapWatcher implements AutoCloseable {

  private final List<String> gaps = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean watching = true;

  /** @param seenWhenMissing what the moment looked like, or null while it holds */
  public GapWatcher(Supplier<String> seenWhenMissing) {
    thread = new Thread(() -> {
      while (watching) {
        String seen = seenWhenMissing.get();
        if (seen != null) {
          gaps.add(Instant.now() + " " + seen);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "gap-watcher");
    thread.start();
  }

  /** Stops watching; the moments it did not hold. */
  public List<String> gaps() throws InterruptedException {
    close();
    return List.copyOf(gaps);
  }

  @Override
  public void close() throws InterruptedException {
    watching = false;
    thread.join();
  }
}
