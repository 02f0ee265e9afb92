package io.tenantingress.desired;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * cert-manager Certificates, in the namespace where TLS terminates. While a class moves between its Gateway and
 * ListenerSet layouts, a hostname's previous Certificate stays until its new one is issued. On a shared Gateway each hostname has its
 * own, so that one tenant's failing validation never holds back another's; a dedicated Gateway has one for its
 * namespace's hostnames, as in the per-namespace walkthrough. Hostnames with External TLS, or not admitted, get
 * none.
 */
public final class CertificateDesiredState {

  private CertificateDesiredState() {
  }

  public static List<Certificate> render(ClassPlan plan, Predicate<String> namespaces) {
    return GatewayInstance.of(plan).stream()
        .flatMap(gateway -> gateway.tenantClass().shared() ? perHostname(gateway, namespaces).stream()
            : perNamespace(gateway, namespaces).stream())
        .toList();
  }

  /** In the gateway namespace, or (ListenerSets) in each tenant's own namespace: wherever its Secret is. */
  private static List<Certificate> perHostname(GatewayInstance gateway, Predicate<String> namespaces) {
    return gateway.tenants().stream().filter(t -> !t.externalTls())
        .flatMap(t -> t.admitted().stream().flatMap(h -> java.util.stream.Stream.of(h.secret(), h.bridge())
            .filter(secret -> secret != null && namespaces.test(secret.namespace()))
            .map(secret -> certificate(secret.namespace(), gateway.tenantClass(), secret.name(),
                List.of(h.hostname()), OwnershipLabels.forTenant(gateway.tenantClass().name(), t.ref())))))
        .toList();
  }

  private static List<Certificate> perNamespace(GatewayInstance gateway, Predicate<String> namespaces) {
    if (!namespaces.test(gateway.namespace())) {
      return List.of();
    }
    List<String> hostnames = gateway.tenants().stream().filter(t -> !t.externalTls())
        .flatMap(t -> t.admitted().stream()).map(HostnamePlan::hostname).sorted().toList();
    if (hostnames.isEmpty()) {
      return List.of();
    }
    return List.of(certificate(gateway.namespace(), gateway.tenantClass(),
        ResourceNames.dedicatedCertificateName(gateway.namespace()), hostnames, gateway.labels()));
  }

  private static Certificate certificate(String namespace, EffectiveClass tenantClass, String name,
      List<String> dnsNames, Map<String, String> labels) {
    return new CertificateBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
        .withNewSpec().withSecretName(name)
        .withNewIssuerRef().withName(tenantClass.issuerName()).withKind(tenantClass.issuerKind().name())
        .endIssuerRef()
        .withDnsNames(dnsNames).endSpec()
        .build();
  }
}
