package io.tenantingress.environment;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.testing.KubernetesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The walkthrough suite on the kube-apiserver + etcd built by hack/test-env.sh. */
@ExtendWith(KubernetesExtension.class)
class SharedGatewayWalkthroughIT extends SharedGatewayWalkthroughSuite {

  private static KubernetesClient client;

  @BeforeAll
  static void connect(KubernetesClient kubernetesClient) {
    client = kubernetesClient;
  }

  @Override
  protected KubernetesClient client() {
    return client;
  }
}
