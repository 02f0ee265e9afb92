package io.tenantingress.status;

/** Condition types of a TenantIngress and a TenantIngressClass. */
public final class ConditionTypes {

  /** Everything below is True and every hostname is served. */
  public static final String READY = "Ready";
  /** The TenantIngress resolves to a class that can be rendered. */
  public static final String ACCEPTED = "Accepted";
  /** The Gateway that serves it is accepted and programmed by Envoy Gateway. */
  public static final String PROGRAMMED = "Programmed";
  /** Every admitted hostname's certificate is issued and listed on the https listener. */
  public static final String CERTIFICATES_READY = "CertificatesReady";
  /** Every admitted hostname has an HTTPRoute attached to the Gateway. */
  public static final String ROUTES_ATTACHED = "RoutesAttached";
  /** No ClientTrafficPolicy written by hand contradicts or shadows the class's own (class only). */
  public static final String POLICIES_CONSISTENT = "ClientTrafficPoliciesConsistent";
  /** On a class: the hand-written objects it last took over, and what that changed. */
  public static final String ADOPTED = "Adopted";

  private ConditionTypes() {
  }
}
