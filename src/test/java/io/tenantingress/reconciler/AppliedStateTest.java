package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliedStateTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static Gateway desired() {
    return new GatewayBuilder().withNewMetadata().withNamespace("gw").withName("shared")
        .addToLabels("app.kubernetes.io/managed-by", "tenant-ingress-operator").endMetadata()
        .withNewSpec().withGatewayClassName("eg").addNewListener().withName("http").withPort(80)
        .withProtocol("HTTP").endListener().endSpec().build();
  }

  /** What the API server returns after the operator applied {@code desired}, with what others added. */
  private static Gateway asServed(Gateway desired) {
    Gateway served = JSON.clone(AppliedState.stamped(desired));
    served.getMetadata().setResourceVersion("42");
    served.getMetadata().getAnnotations().put("someone.else/note", "kept");
    served.getSpec().getListeners().add(0, new io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder()
        .withName("platform").withPort(8080).withProtocol("HTTP").build());
    return served;
  }

  @Test
  void stampingCopiesTheDesiredObjectAndLeavesItUntouched() {
    Gateway desired = desired();
    String before = JSON.asJson(desired);
    Gateway stamped = AppliedState.stamped(desired);
    assertThat(JSON.asJson(desired)).isEqualTo(before);
    assertThat(stamped.getMetadata().getAnnotations())
        .containsEntry(AppliedState.HASH_ANNOTATION, AppliedState.hash(desired));
  }

  @Test
  void anObjectHoldingTheDesiredStateIsUpToDateWhateverOthersAdded() {
    assertThat(AppliedState.upToDate(desired(), asServed(desired()))).isTrue();
  }

  @Test
  void aChangedOrRemovedFieldOrAnotherDesiredStateIsNotUpToDate() {
    Gateway edited = asServed(desired());
    edited.getSpec().getListeners().get(1).setPort(81);
    assertThat(AppliedState.upToDate(desired(), edited)).isFalse();

    Gateway lessDesired = desired();
    lessDesired.getMetadata().setLabels(Map.of());
    // Every field it names is still there, but the hash says a different desired state was applied.
    assertThat(AppliedState.upToDate(lessDesired, asServed(desired()))).isFalse();
  }

  @Test
  void nothingOrAnObjectBeingDeletedIsNotUpToDate() {
    assertThat(AppliedState.upToDate(desired(), null)).isFalse();
    Gateway deleting = asServed(desired());
    deleting.getMetadata().setDeletionTimestamp("2026-11-23T00:00:00Z");
    assertThat(AppliedState.upToDate(desired(), deleting)).isFalse();
  }

  /** Objects applied by earlier versions carry a hash taken with an empty annotation map: they stay current. */
  @Test
  void theHashIgnoresAnEmptyAnnotationMap() {
    ConfigMap withoutAnnotations = new ConfigMapBuilder().withNewMetadata().withName("a").endMetadata().build();
    ConfigMap withEmptyAnnotations = new ConfigMapBuilder(withoutAnnotations).editMetadata()
        .withAnnotations(new LinkedHashMap<>()).endMetadata().build();
    assertThat(AppliedState.hash(withEmptyAnnotations)).isEqualTo(AppliedState.hash(withoutAnnotations));
  }

  @Test
  void listItemsMatchInAnyOrderAndNumbersByValue() {
    assertThat(AppliedState.contains(JSON.convertValue(Map.of("a", new int[] {2, 1}, "n", 1.0),
        com.fasterxml.jackson.databind.JsonNode.class), JSON.convertValue(Map.of("a", new int[] {1}, "n", 1),
        com.fasterxml.jackson.databind.JsonNode.class))).isTrue();
  }
}
