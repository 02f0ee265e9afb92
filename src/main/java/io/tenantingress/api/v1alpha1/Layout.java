package io.tenantingress.api.v1alpha1;

/** Where a class's Gateways live. */
public enum Layout {
  /** One Gateway in a dedicated gateway namespace serves every labelled tenant namespace. */
  Shared,
  /** A Gateway in each tenant namespace, for the rare tenant that needs its own IP or blast radius. */
  Dedicated
}
