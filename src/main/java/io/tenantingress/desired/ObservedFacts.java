package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the desired state depends on besides the TenantIngresses and classes: which certificate Secrets hold a
 * usable certificate ({@code tls.crt} and {@code tls.key} present), and the namespaces' labels (which classes a
 * namespace may use). A listener that referenced a missing Secret would fail for every tenant once all its
 * references were invalid, so only usable ones are referenced.
 */
public record ObservedFacts(Set<SecretRef> usableTlsSecrets, Map<String, Map<String, String>> namespaceLabels) {

  public static final ObservedFacts NONE = new ObservedFacts(Set.of());

  public ObservedFacts {
    usableTlsSecrets = Set.copyOf(usableTlsSecrets);
    namespaceLabels = Map.copyOf(namespaceLabels);
  }

  public ObservedFacts(Set<SecretRef> usableTlsSecrets) {
    this(usableTlsSecrets, Map.of());
  }

  public static ObservedFacts fromSecrets(Collection<Secret> secrets) {
    return new ObservedFacts(secrets.stream().filter(ObservedFacts::holdsCertificate)
        .map(s -> new SecretRef(s.getMetadata().getNamespace(), s.getMetadata().getName()))
        .collect(Collectors.toSet()));
  }

  /** The same, with the labels of these namespaces. */
  public ObservedFacts withNamespaces(Collection<Namespace> namespaces) {
    return new ObservedFacts(usableTlsSecrets, namespaces.stream().collect(Collectors.toMap(
        n -> n.getMetadata().getName(), n -> n.getMetadata().getLabels() == null ? Map.of()
            : Map.copyOf(n.getMetadata().getLabels()), (a, b) -> a)));
  }

  public Map<String, String> labelsOf(String namespace) {
    return namespaceLabels.getOrDefault(namespace, Map.of());
  }

  private static boolean holdsCertificate(Secret secret) {
    Map<String, String> data = secret.getData();
    return data != null && notEmpty(data.get("tls.crt")) && notEmpty(data.get("tls.key"));
  }

  private static boolean notEmpty(String value) {
    return value != null && !value.isEmpty();
  }

  public boolean hasUsableTlsSecret(String namespace, String name) {
    return usableTlsSecrets.contains(new SecretRef(namespace, name));
  }
}
