package io.tenantingress.desired;

import io.tenantingress.api.v1alpha1.AccessLabel;
import io.tenantingress.api.v1alpha1.Acme;
import io.tenantingress.api.v1alpha1.ClientIPDetection;
import io.tenantingress.api.v1alpha1.IssuerKind;
import io.tenantingress.api.v1alpha1.Layout;
import io.tenantingress.api.v1alpha1.Listeners;
import io.tenantingress.api.v1alpha1.SharedGateway;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.TenantIngressClassSpec;
import io.tenantingress.api.v1alpha1.TenantListeners;
import java.time.Instant;
import java.util.List;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/**
 * A TenantIngressClass with every default filled in: the same values the CRD's defaults give on a cluster, so
 * that a class read from a file (render) renders what the cluster would.
 */
public record EffectiveClass(
    String name,
    Instant created,
    String gatewayClassName,
    Layout layout,
    TenantListeners tenantListeners,
    String gatewayNamespace,
    String gatewayName,
    int httpPort,
    int httpsPort,
    ClientIPDetection clientIP,
    String accessLabelKey,
    String accessLabelValue,
    boolean httpsRedirect,
    Acme acme,
    String issuerName,
    IssuerKind issuerKind,
    List<String> allowedHostnames,
    LabelSelector namespaceSelector,
    boolean adopt) {

  public static EffectiveClass of(TenantIngressClass tenantIngressClass) {
    TenantIngressClassSpec spec = tenantIngressClass.getSpec();
    SharedGateway gateway = spec.gateway();
    Listeners listeners = spec.listeners();
    AccessLabel accessLabel = spec.accessLabel();
    Acme acme = spec.certificates().acme();
    return new EffectiveClass(
        tenantIngressClass.getMetadata().getName(),
        Timestamps.created(tenantIngressClass),
        Objects.requireNonNullElse(spec.gatewayClassName(), TenantIngressClassSpec.DEFAULT_GATEWAY_CLASS_NAME),
        Objects.requireNonNullElse(spec.layout(), Layout.valueOf(TenantIngressClassSpec.DEFAULT_LAYOUT)),
        Objects.requireNonNullElse(spec.tenantListeners(),
            TenantListeners.valueOf(TenantIngressClassSpec.DEFAULT_TENANT_LISTENERS)),
        valueOr(gateway == null ? null : gateway.namespace(), SharedGateway.DEFAULT_NAMESPACE),
        valueOr(gateway == null ? null : gateway.name(), SharedGateway.DEFAULT_NAME),
        listeners == null || listeners.httpPort() == null ? Listeners.DEFAULT_HTTP_PORT : listeners.httpPort(),
        listeners == null || listeners.httpsPort() == null ? Listeners.DEFAULT_HTTPS_PORT : listeners.httpsPort(),
        spec.clientIP(),
        valueOr(accessLabel == null ? null : accessLabel.key(), AccessLabel.DEFAULT_KEY),
        valueOr(accessLabel == null ? null : accessLabel.value(), AccessLabel.DEFAULT_VALUE),
        !Boolean.FALSE.equals(spec.httpsRedirect()),
        acme,
        acme != null ? acmeIssuerName(acme) : spec.certificates().issuerRef().name(),
        acme != null ? IssuerKind.Issuer : spec.certificates().issuerRef().kind(),
        spec.hostnamePolicy() == null || spec.hostnamePolicy().allowed() == null
            ? List.of() : List.copyOf(spec.hostnamePolicy().allowed()),
        spec.namespaceSelector(),
        !Boolean.FALSE.equals(spec.adopt()));
  }

  public boolean shared() {
    return layout == Layout.Shared;
  }

  /** Tenants' https listeners live in ListenerSets of their own namespaces, not on the shared Gateway. */
  public boolean usesListenerSets() {
    return shared() && tenantListeners == TenantListeners.ListenerSet;
  }

  /** HTTP-01 validates through the Gateway, which cannot prove control of a wildcard. */
  public boolean solvesHttp01() {
    return acme != null && acme.solver().http01() != null;
  }

  private static String acmeIssuerName(Acme acme) {
    if (acme.issuerName() != null) {
      return acme.issuerName();
    }
    return acme.solver().http01() != null ? "letsencrypt-http01" : "letsencrypt-dns01";
  }

  private static String valueOr(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
