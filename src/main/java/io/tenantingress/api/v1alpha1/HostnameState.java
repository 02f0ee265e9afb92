package io.tenantingress.api.v1alpha1;

public enum HostnameState {
  /** Owned, certificated and served. */
  Ready,
  /** Owned, waiting for its certificate, listener or routes. */
  Pending,
  /** An older TenantIngress claims the same hostname; nothing is rendered for it here. */
  Conflict,
  /** The class does not allow it (hostname policy, wildcard with HTTP-01, capacity). */
  Denied
}
