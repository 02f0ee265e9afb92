package io.tenantingress.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.testing.RealControllerFixtures;
import io.tenantingress.testing.WithRealControllers;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests whose meaning is a verdict of Envoy Gateway or cert-manager: the operator runs in-process
 * beside the real controllers, with {@link RealControllerFixtures#CA_ISSUER} ready to issue.
 */
@WithRealControllers
abstract class WithOperatorOnRealControllers extends WithRunningOperator {

  static RealControllerFixtures fixtures;

  @BeforeAll
  static void caIssuer(KubernetesClient kubernetesClient) {
    fixtures = new RealControllerFixtures(kubernetesClient);
    fixtures.caIssuer();
  }

  /**
   * TenantIngress {@code web} of a namespace, claiming one hostname with a route to the namespace's Service
   * {@code web}, which is created too so that Envoy Gateway resolves the route.
   */
  static void routedTenant(String namespace, String className, String hostname) {
    fixtures.service(namespace, "web");
    support.applyTenant(namespace, "web", "className: %s\nhostnames: [%s]\nroutes: [{hostname: %s, service: web, port: 80}]"
        .formatted(className, hostname, hostname));
  }

  /** A class whose certificates {@link RealControllerFixtures#CA_ISSUER} issues: the rest of its spec is given. */
  static void createCaClass(String name, String spec) {
    support.createClass(name, spec + "certificates: {issuerRef: {kind: ClusterIssuer, name: "
        + RealControllerFixtures.CA_ISSUER + "}}\n");
  }
}
