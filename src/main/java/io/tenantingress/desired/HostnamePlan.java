package io.tenantingress.desired;

import io.tenantingress.api.v1alpha1.HostnameState;

/**
 * What happens to one hostname of a TenantIngress. An admitted hostname (Ready or Pending) has objects
 * rendered for it and the Secret its certificate lives in; a Conflict or Denied one has nothing rendered.
 */
public record HostnamePlan(String hostname, HostnameState state, String reason, String message, SecretRef secret) {

  public boolean admitted() {
    return state == HostnameState.Ready || state == HostnameState.Pending;
  }

  HostnamePlan withState(HostnameState newState, String newReason, String newMessage) {
    return new HostnamePlan(hostname, newState, newReason, newMessage, newState == HostnameState.Ready
        || newState == HostnameState.Pending ? secret : null);
  }
}
