package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class CompactSerializationTest {

  private static final String CERTIFICATE = """
      {"apiVersion": "cert-manager.io/v1", "kind": "Certificate",
       "metadata": {"name": "%s", "namespace": "team-a", "labels": {"app.kubernetes.io/managed-by": "tenant-ingress"}},
       "spec": {"secretName": "%s-tls", "dnsNames": ["shop.example.com"], "issuerRef": {"name": "acme"}%s},
       "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Ready",
                                  "message": "Certificate is up to date and has not expired"}]}}""";

  private final KubernetesSerialization serialization = CompactSerialization.create();

  private Certificate read(String name, String extra) {
    return serialization.unmarshal(CERTIFICATE.formatted(name, name, extra), Certificate.class);
  }

  @Test
  void objectsReadShareTheStringsTheyRepeat() {
    Certificate one = read("one", "");
    Certificate two = read("two", "");

    assertThat(two.getSpec().getDnsNames().get(0)).isSameAs(one.getSpec().getDnsNames().get(0));
    assertThat(two.getMetadata().getNamespace()).isSameAs(one.getMetadata().getNamespace());
    assertThat(two.getMetadata().getLabels().get("app.kubernetes.io/managed-by"))
        .isSameAs(one.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertThat(two.getStatus().getConditions().get(0).getMessage())
        .isSameAs(one.getStatus().getConditions().get(0).getMessage());
  }

  @Test
  void emptyUnknownFieldsAreOneSharedMapAndUnknownFieldsAreKept() {
    Certificate plain = read("one", "");
    Certificate other = read("two", "");
    Certificate withUnknown = read("three", ", \"futureField\": {\"x\": 1}");

    assertThat(plain.getSpec().getAdditionalProperties()).isEmpty();
    assertThat(plain.getSpec().getAdditionalProperties()).isSameAs(other.getMetadata().getAdditionalProperties());
    assertThat(withUnknown.getSpec().getAdditionalProperties()).containsKey("futureField");
    assertThat(serialization.asJson(withUnknown)).contains("\"futureField\":{\"x\":1}");
  }

  @Test
  void objectsReadAreStillCopiedAndEditedByBuilders() {
    Certificate plain = read("one", "");

    Certificate edited = new CertificateBuilder(plain).editSpec().addToAdditionalProperties("added", "yes")
        .endSpec().build();

    assertThat(edited.getSpec().getAdditionalProperties()).containsEntry("added", "yes");
    assertThat(plain.getSpec().getAdditionalProperties()).isEmpty();
    assertThat(serialization.clone(plain)).isEqualTo(plain);
  }

  @Test
  void listsReadStayListsThatCanBeAddedTo() {
    Certificate plain = read("one", "");

    plain.getSpec().getDnsNames().add("www.example.com");

    assertThat(plain.getSpec().getDnsNames()).containsExactly("shop.example.com", "www.example.com");
    assertThat(serialization.asJson(plain)).contains("\"dnsNames\":[\"shop.example.com\",\"www.example.com\"]");
  }
}
