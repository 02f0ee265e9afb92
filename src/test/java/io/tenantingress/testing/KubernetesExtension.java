package io.tenantingress.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.sandbox.RealControllers;
import io.tenantingress.sandbox.TestEnvironmentLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a client of one real kube-apiserver (with the upstream CRDs) shared by the whole test run:
 * starting one costs seconds, so tests isolate themselves by namespace and by unique cluster-scoped names.
 * A class annotated {@link WithControllerManager} also gets kube-controller-manager beside it, one annotated
 * {@link WithRealControllers} Envoy Gateway, cert-manager and Pebble.
 */
public final class KubernetesExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubernetesExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    EmbeddedKubernetes kube = kubernetes(context);
    if (context.getRequiredTestClass().isAnnotationPresent(WithControllerManager.class)) {
      kube.startControllerManager();
    }
    if (context.getRequiredTestClass().isAnnotationPresent(WithRealControllers.class)) {
      kube.startRealControllers();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == EmbeddedKubernetes.class || type == RealControllers.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EmbeddedKubernetes kube = kubernetes(context);
    if (parameter.getParameter().getType() == EmbeddedKubernetes.class) {
      return kube;
    }
    if (parameter.getParameter().getType() == RealControllers.class) {
      return kube.startRealControllers();
    }
    // One client per test class, closed with the class.
    return context.getStore(NAMESPACE)
        .getOrComputeIfAbsent(ClassClient.class, k -> new ClassClient(kube.newClient()), ClassClient.class)
        .client();
  }

  static EmbeddedKubernetes kubernetes(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EmbeddedKubernetes.class,
        k -> EmbeddedKubernetes.start(TestEnvironmentLocation.resolve(projectDir())), EmbeddedKubernetes.class);
  }

  public static Path projectDir() {
    return Path.of(System.getProperty("tenantingress.projectDir", System.getProperty("user.dir")));
  }

  private record ClassClient(KubernetesClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
