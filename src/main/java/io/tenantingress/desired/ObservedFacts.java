package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the desired state depends on besides the TenantIngresses and classes: which certificate Secrets hold a
 * usable certificate ({@code tls.crt} and {@code tls.key} present). A listener that referenced a missing one
 * would fail for every tenant once all its references were invalid, so only these are referenced.
 */
public record ObservedFacts(Set<SecretRef> usableTlsSecrets) {

  public static final ObservedFacts NONE = new ObservedFacts(Set.of());

  public ObservedFacts {
    usableTlsSecrets = Set.copyOf(usableTlsSecrets);
  }

  public static ObservedFacts fromSecrets(Collection<Secret> secrets) {
    return new ObservedFacts(secrets.stream().filter(ObservedFacts::holdsCertificate)
        .map(s -> new SecretRef(s.getMetadata().getNamespace(), s.getMetadata().getName()))
        .collect(Collectors.toSet()));
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
