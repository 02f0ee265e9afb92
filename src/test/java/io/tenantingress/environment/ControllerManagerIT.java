package io.tenantingress.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.testing.KubernetesExtension;
import io.tenantingress.testing.WithControllerManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What kube-controller-manager adds to the bare API server: garbage collection and namespace deletion. */
@ExtendWith(KubernetesExtension.class)
@WithControllerManager
class ControllerManagerIT {

  private static final Duration CONTROLLER_LATENCY = Duration.ofSeconds(60);

  @Test
  void dependentsOfADeletedOwnerAreGarbageCollected(KubernetesClient client) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("gc-check").endMetadata().build()).create();
    ConfigMap owner = client.resource(new ConfigMapBuilder().withNewMetadata().withName("owner")
        .withNamespace("gc-check").endMetadata().build()).create();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("dependent").withNamespace("gc-check")
        .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName("owner")
        .withUid(owner.getMetadata().getUid()).endOwnerReference()
        .endMetadata().build()).create();

    client.resource(owner).delete();

    await().atMost(CONTROLLER_LATENCY).untilAsserted(() ->
        assertThat(client.configMaps().inNamespace("gc-check").withName("dependent").get()).isNull());
  }

  @Test
  void aDeletedNamespaceFinishesDeleting(KubernetesClient client) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName("ns-delete-check").endMetadata().build())
        .create();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("content").withNamespace("ns-delete-check")
        .endMetadata().build()).create();

    client.namespaces().withName("ns-delete-check").delete();

    await().atMost(CONTROLLER_LATENCY).untilAsserted(() ->
        assertThat(client.namespaces().withName("ns-delete-check").get()).isNull());
  }
}
