package io.tenantingress.desired;

import io.tenantingress.api.v1alpha1.HostnameState;

/**
 * What happens to one hostname of a TenantIngress. An admitted hostname (Ready or Pending) has objects
 * rendered for it and the Secret its certificate lives in; a Conflict or Denied one has nothing rendered.
 *
 * <p>{@code note}, when set, is said with whatever the hostname's status is (see {@link #withNote}).
 *
 * <p>{@code bridge} is set while a class moves between its Gateway and ListenerSet layouts: the Secret of the
 * layout it leaves, still usable, which keeps the hostname served where it was until {@code secret} is issued.
 */
public record HostnamePlan(String hostname, HostnameState state, String reason, String message, SecretRef secret,
    SecretRef bridge, String note) {

  public HostnamePlan(String hostname, HostnameState state, String reason, String message, SecretRef secret) {
    this(hostname, state, reason, message, secret, null, null);
  }

  /** A hostname admitted for its tenant: served once its certificate is issued into {@code secret}. */
  static HostnamePlan awaitingCertificate(String hostname, SecretRef secret) {
    return new HostnamePlan(hostname, HostnameState.Pending, HostnameReasons.CERTIFICATE_PENDING,
        "waiting for its certificate", secret);
  }

  /**
   * As decided before issuance is looked at: an admitted hostname {@link #awaitingCertificate awaiting its
   * certificate} (no note, no bridge), any other as it is.
   */
  HostnamePlan beforeIssuance() {
    return admitted() ? awaitingCertificate(hostname, secret) : this;
  }

  public boolean admitted() {
    return state == HostnameState.Ready || state == HostnameState.Pending;
  }

  /** Served with its own layout's certificate (not through a bridge). */
  public boolean servedInPlace() {
    return state == HostnameState.Ready && bridge == null;
  }

  HostnamePlan withState(HostnameState newState, String newReason, String newMessage) {
    return new HostnamePlan(hostname, newState, newReason, newMessage, newState == HostnameState.Ready
        || newState == HostnameState.Pending ? secret : null, null, note);
  }

  /** Something worth knowing that changes nothing of its state (a hand-written certificate that also covers it). */
  HostnamePlan withNote(String newNote) {
    return new HostnamePlan(hostname, state, reason, message, secret, bridge, newNote);
  }

  HostnamePlan bridgedBy(SecretRef previous) {
    return new HostnamePlan(hostname, HostnameState.Ready, HostnameReasons.SERVED, "served with the certificate in "
        + "Secret " + previous.namespace() + "/" + previous.name() + " of the class's previous layout until "
        + secret.namespace() + "/" + secret.name() + " is issued", secret, previous, note);
  }
}
