package io.tenantingress.environment;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tenantingress.sandbox.CrdInstaller;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The walkthrough suite on a k3s cluster, where a Docker engine exists. Without one, Testcontainers reports
 * the class as skipped ("Docker is not available"), never as passed.
 */
@Testcontainers(disabledWithoutDocker = true)
class SharedGatewayWalkthroughK3sIT extends SharedGatewayWalkthroughSuite {

  // k3s bundles Traefik, whose chart brings Gateway API CRDs of its own: the upstream ones are installed instead.
  @Container
  private static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.35.4-k3s1"))
      .withCommand("server", "--disable=traefik");

  private static KubernetesClient client;

  @BeforeAll
  static void installUpstreamCrds() {
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
    Path projectDir = Path.of(System.getProperty("tenantingress.projectDir", System.getProperty("user.dir")));
    new CrdInstaller(client).installAll(TestEnvironmentLocation.resolve(projectDir).upstreamCrds());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Override
  protected KubernetesClient client() {
    return client;
  }
}
