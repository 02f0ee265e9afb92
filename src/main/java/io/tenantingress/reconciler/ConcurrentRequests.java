package io.tenantingress.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends independent API requests of one reconcile concurrently: one at a time would leave the API server idle
 * between round trips, and with thousands of tenants a pass's writes would take minutes. As many in flight as
 * the API server of a small control plane can use; idle threads are let go between bursts. The operator closes it
 * when it stops, after its reconcilers.
 */
final class ConcurrentRequests implements AutoCloseable {

  static final int THREADS = 8;

  private final ThreadPoolExecutor executor;

  ConcurrentRequests() {
    AtomicInteger count = new AtomicInteger();
    executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread thread = new Thread(r, "apply-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs the request for every item and returns once all are done, with each result in order. If any failed,
   * the first failure is thrown after the others finished, so that the reconcile is retried as a whole.
   */
  <T, R> List<R> runAll(List<T> items, Function<T, R> request) {
    List<Future<R>> futures = new ArrayList<>();
    for (T item : items) {
      FutureTask<R> task = new FutureTask<>(() -> request.apply(item));
      executor.execute(task);
      futures.add(task);
    }
    List<R> results = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<R> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for API requests", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  /** Stops the threads: what is still in flight is interrupted, since the operator that asked for it is stopping. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
