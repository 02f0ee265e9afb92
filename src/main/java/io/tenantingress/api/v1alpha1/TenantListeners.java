package io.tenantingress.api.v1alpha1;

/** Where a Shared class puts its tenants' https listeners. */
public enum TenantListeners {
  /**
   * One https listener on the shared Gateway lists every hostname's certificate, as in the walkthrough: at most
   * 64 hostnames per Gateway, and any admitted namespace may attach a route for any hostname.
   */
  Gateway,
  /**
   * Each tenant namespace gets a ListenerSet attached to the shared Gateway, with one https listener per
   * hostname that admits routes from that namespace only: no 64-hostname limit per Gateway, and a namespace
   * cannot take traffic for another's hostname.
   */
  ListenerSet
}
