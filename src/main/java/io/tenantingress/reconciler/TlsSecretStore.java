package io.tenantingress.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator only needs to know whether a TLS Secret holds a certificate and a key, never what they are:
 * this informer store keeps each Secret's metadata and, for tls.crt and tls.key, a marker instead of the
 * value, so that no private key stays in the operator's memory.
 */
final class TlsSecretStore extends BasicItemStore<Secret> {

  static final String PRESENT = "present";
  private static final String[] KEYS = {"tls.crt", "tls.key"};

  TlsSecretStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public Secret put(String key, Secret secret) {
    return super.put(key, pruned(secret));
  }

  static Secret pruned(Secret secret) {
    Map<String, String> markers = new LinkedHashMap<>();
    for (String name : KEYS) {
      String value = secret.getData() == null ? null : secret.getData().get(name);
      if (value != null && !value.isEmpty()) {
        markers.put(name, PRESENT);
      }
    }
    return new SecretBuilder().withApiVersion(secret.getApiVersion()).withKind(secret.getKind())
        .withNewMetadata().withName(secret.getMetadata().getName())
        .withNamespace(secret.getMetadata().getNamespace()).withUid(secret.getMetadata().getUid())
        .withResourceVersion(secret.getMetadata().getResourceVersion())
        .withLabels(secret.getMetadata().getLabels()).endMetadata()
        .withType(secret.getType()).withData(markers).build();
  }
}
