package io.tenantingress.status;

/**
 * The reasons of the conditions the operator itself writes on TenantIngresses and classes, in one place (the
 * states of single hostnames are {@link io.tenantingress.desired.HostnameReasons}, a class that does not resolve
 * {@code ClassResolver}'s). docs/api.md explains every one of them ({@code ReasonCatalogueTest}). Reasons that
 * Envoy Gateway or cert-manager gave are passed on as they are and are not listed here.
 */
public final class StatusReasons {

  public static final String READY = "Ready";
  public static final String ACCEPTED = "Accepted";
  public static final String PROGRAMMED = "Programmed";
  public static final String CERTIFICATES_ISSUED = "CertificatesIssued";
  public static final String ROUTES_ACCEPTED = "RoutesAccepted";
  public static final String ROUTE_ACCEPTED = "RouteAccepted";
  public static final String NO_CONFLICT = "NoConflict";

  public static final String NO_GATEWAY = "NoGateway";
  public static final String GATEWAY_NOT_FOUND = "GatewayNotFound";
  public static final String PENDING = "Pending";
  public static final String LISTENER_PENDING = "ListenerPending";
  public static final String ROUTE_PENDING = "RoutePending";
  public static final String NO_ROUTE = "NoRoute";
  public static final String PARENT_REF_WITHOUT_NAMESPACE = "ParentRefWithoutNamespace";
  public static final String LISTENER_OF_ANOTHER_NAMESPACE = "ListenerOfAnotherNamespace";
  public static final String HOSTNAME_NOT_CLAIMED = "HostnameNotClaimed";
  public static final String HOSTNAME_SERVED_ELSEWHERE = "HostnameServedElsewhere";
  public static final String APPLY_REFUSED = "ApplyRefused";
  public static final String ISSUANCE_FAILED = "IssuanceFailed";

  public static final String IN_USE = "InUse";
  public static final String LISTENER_FULL = "ListenerFull";
  public static final String OBJECT_NAME_TAKEN = "ObjectNameTaken";
  public static final String HAND_WRITTEN_POLICY = "HandWrittenPolicy";
  public static final String ADOPTED_HAND_WRITTEN_OBJECTS = "AdoptedHandWrittenObjects";

  private StatusReasons() {
  }
}
