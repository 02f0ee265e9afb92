package io.tenantingress.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.testing.KubernetesExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that run the operator in-process against the shared test API server, one operator per test
 * class. Who plays Envoy Gateway and cert-manager is the subclass's to say: the real controllers
 * ({@link WithOperatorOnRealControllers}), or a stand-in the test names with its reason.
 */
@ExtendWith(KubernetesExtension.class)
abstract class WithRunningOperator {

  static KubernetesClient client;
  static TenantIngressOperator operator;
  static OperatorTestSupport support;

  @BeforeAll
  static void startOperator(KubernetesClient kubernetesClient) {
    client = kubernetesClient;
    support = new OperatorTestSupport(client);
    operator = TenantIngressOperator.start(client);
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }
}
