package io.tenantingress.desired;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the desired state depends on besides the TenantIngresses and classes: which Secrets cert-manager says
 * hold an issued certificate ({@link CertificateIssuance}), the issued Certificates someone wrote by hand (served
 * on a shared Gateway for the names the operator does not serve yet), and the namespaces' labels (which classes a
 * namespace may use). The operator never reads a Secret: a listener that referenced one not issued yet would
 * fail for every tenant once all its references were invalid, so only issued ones are referenced, and External
 * TLS Secrets are judged by Envoy Gateway.
 */
public record ObservedFacts(Set<SecretRef> issuedSecrets, List<HandWrittenCertificate> handWritten,
    Map<String, Map<String, String>> namespaceLabels) {

  public static final ObservedFacts NONE = new ObservedFacts(Set.of());

  public ObservedFacts {
    issuedSecrets = Set.copyOf(issuedSecrets);
    handWritten = List.copyOf(handWritten);
    namespaceLabels = Map.copyOf(namespaceLabels);
  }

  public ObservedFacts(Set<SecretRef> issuedSecrets) {
    this(issuedSecrets, List.of(), Map.of());
  }

  /**
   * The Secrets of the operator's Certificates cert-manager has issued, and the issued Certificates someone else
   * wrote.
   */
  public static ObservedFacts fromCertificates(Collection<Certificate> certificates) {
    Set<SecretRef> issuedSecrets = new HashSet<>();
    List<HandWrittenCertificate> handWritten = new ArrayList<>();
    for (Certificate certificate : certificates) {
      if (!CertificateIssuance.issued(certificate)) {
        continue;
      }
      if (OwnershipLabels.isOperators(certificate)) {
        issuedSecrets.add(secretOf(certificate));
      } else {
        handWritten.add(new HandWrittenCertificate(secretOf(certificate), certificate.getSpec().getDnsNames()));
      }
    }
    return new ObservedFacts(issuedSecrets, handWritten, Map.of());
  }

  private static SecretRef secretOf(Certificate certificate) {
    return new SecretRef(certificate.getMetadata().getNamespace(), certificate.getSpec().getSecretName());
  }

  /** The same, with the labels of these namespaces. */
  public ObservedFacts withNamespaces(Collection<Namespace> namespaces) {
    return new ObservedFacts(issuedSecrets, handWritten, namespaces.stream().collect(Collectors.toMap(
        n -> n.getMetadata().getName(), n -> n.getMetadata().getLabels() == null ? Map.of()
            : Map.copyOf(n.getMetadata().getLabels()), (a, b) -> a)));
  }

  public Map<String, String> labelsOf(String namespace) {
    return namespaceLabels.getOrDefault(namespace, Map.of());
  }

  public boolean issued(SecretRef secret) {
    return issuedSecrets.contains(secret);
  }
}
