package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WithoutManagedFieldsStoreTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("team-a")
        .addToLabels("app.kubernetes.io/managed-by", new String("tenant-ingress-operator".toCharArray()))
        .addToAnnotations("note", "kept as written")
        .addNewManagedField().withManager("kubectl").withOperation("Apply").endManagedField()
        .endMetadata().build();
  }

  @Test
  void cachedObjectsShareTheirLabelsAndKeepNoManagedFields() {
    ConfigMap one = configMap("one");
    ConfigMap two = configMap("two");

    cached(one, two);

    assertThat(two.getMetadata().getLabels().get("app.kubernetes.io/managed-by"))
        .isSameAs(one.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    assertThat(one.getMetadata().getLabels()).containsExactly(
        Map.entry("app.kubernetes.io/managed-by", "tenant-ingress-operator"));
    assertThat(one.getMetadata().getAnnotations()).containsExactly(Map.entry("note", "kept as written"));
    assertThat(serialization.asJson(one)).doesNotContain("managedFields").contains("\"note\":\"kept as written\"");
  }

  @Test
  void absentOrEmptyLabelsAndAnnotationsAreTheOneSharedEmptyMap() {
    Namespace bare = new NamespaceBuilder().withNewMetadata().withName("bare").endMetadata().build();

    cached(bare);

    assertThat(bare.getMetadata().getLabels()).isSameAs(Map.of());
    assertThat(bare.getMetadata().getAnnotations()).isSameAs(Map.of());
    assertThat(serialization.asJson(bare)).doesNotContain("labels").doesNotContain("annotations");
  }

  @Test
  void namespacesKeepOnlyTheOperatorsFieldSetAsSharedMaps() {
    Namespace one = namespace("team-a");
    Namespace two = namespace("team-b");

    cached(one, two);

    assertThat(one.getMetadata().getManagedFields()).singleElement()
        .satisfies(entry -> assertThat(entry.getManager()).isEqualTo(ManagedObjectApplier.FIELD_MANAGER));
    Map<String, Object> fields = one.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties();
    assertThat(fields).isEqualTo(Map.of("f:metadata", Map.of("f:labels", Map.of("f:shared-gateway-access", Map.of()))));
    assertThat(fields.keySet().iterator().next())
        .isSameAs(two.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties().keySet()
            .iterator().next());
    assertThat(serialization.asJson(one)).contains("{\"f:metadata\":{\"f:labels\":{\"f:shared-gateway-access\":{}}}}")
        .doesNotContain("kubectl");
  }

  private static void cached(HasMetadata... objects) {
    WithoutManagedFieldsStore<HasMetadata> store = new WithoutManagedFieldsStore<>();
    for (HasMetadata object : objects) {
      store.put(Cache.metaNamespaceKeyFunc(object), object);
    }
  }

  private Namespace namespace(String name) {
    return serialization.unmarshal("""
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "%s", "managedFields": [
          {"manager": "kubectl", "operation": "Update", "fieldsType": "FieldsV1",
           "fieldsV1": {"f:metadata": {"f:labels": {"f:team": {}}}}},
          {"manager": "tenant-ingress-operator", "operation": "Apply", "fieldsType": "FieldsV1",
           "fieldsV1": {"f:metadata": {"f:labels": {"f:shared-gateway-access": {}}}}}]}}""".formatted(name),
        Namespace.class);
  }
}
