package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a failed reconcile is told: one line per object per attempt, its cause in a few words, and the stack trace
 * only at debug level for what the API server's absence explains (connections refused or reset, timeouts, 5xx, 429),
 * and once at warning level for anything else (a bug deserves its trace). java-operator-sdk's own warning with a full
 * trace per attempt is turned off in logback.xml; the reconcile is retried with backoff for as long as the cause
 * lasts ({@link TenantIngressOperator}).
 */
final class FailedReconciles {

  private static final Logger log = LoggerFactory.getLogger(FailedReconciles.class);

  private FailedReconciles() {
  }

  static <P extends HasMetadata> ErrorStatusUpdateControl<P> report(P resource, Context<P> context, Exception e) {
    // java-operator-sdk counts retries from 0; people count attempts from 1.
    int attempt = context.getRetryInfo().map(r -> r.getAttemptCount() + 1).orElse(1);
    String what = resource.getKind() + " " + (resource.getMetadata().getNamespace() == null ? ""
        : resource.getMetadata().getNamespace() + "/") + resource.getMetadata().getName();
    if (passing(e)) {
      log.warn("{}: reconcile failed (attempt {}), retrying: {}", what, attempt, cause(e));
      log.debug("{}: reconcile failed", what, e);
    } else if (attempt <= 1) {
      log.warn("{}: reconcile failed (attempt {}), retrying", what, attempt, e);
    } else {
      log.warn("{}: reconcile failed (attempt {}), retrying: {}", what, attempt, cause(e));
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** A failure the API server's or etcd's absence or overload explains, which retrying outlasts. */
  static boolean passing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t instanceof KubernetesClientException k && (k.getCode() >= 500 || k.getCode() == 429)) {
        return true;
      }
    }
    return false;
  }

  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root == e ? e.getClass().getSimpleName() + message
        : e.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + message + ")";
  }
}
