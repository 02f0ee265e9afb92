package io.tenantingress.reconciler;

import java.time.Duration;
import java.util.Objects;

/**
 * Leader election among replicas, on the Lease {@link TenantIngressOperator#LEASE_NAME}: a leader that cannot renew
 * within {@code renewDeadline} stops leading; a follower takes over once the Lease is {@code leaseDuration} old, or
 * at its next try ({@code retryPeriod}) when the leader released it on a graceful stop.
 *
 * @param namespace the Lease's namespace
 * @param identity this replica's name in the Lease (its pod name)
 */
public record LeaderElection(String namespace, String identity, Duration leaseDuration, Duration renewDeadline,
    Duration retryPeriod) {

  /** client-go's and java-operator-sdk's defaults. */
  public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
  public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

  public LeaderElection {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(identity, "identity");
    if (retryPeriod.isZero() || retryPeriod.isNegative() || renewDeadline.compareTo(retryPeriod) <= 0
        || leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException("leader election needs 0 < retry period (" + retryPeriod
          + ") < renew deadline (" + renewDeadline + ") < lease duration (" + leaseDuration + ")");
    }
  }

  public static LeaderElection withDefaults(String namespace, String identity) {
    return new LeaderElection(namespace, identity, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD);
  }
}
