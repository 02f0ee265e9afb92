package io.tenantingress.testing;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** HTTPRoutes as a tenant writes them by hand, for the tests that try what tenants may and may not attach. */
public final class TenantRoutes {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private TenantRoutes() {
  }

  /**
   * A route to Service {@code web} for these hostnames (none: every hostname), serving the ACME challenge path and
   * everything else.
   *
   * @param parentRef one parentRef in YAML flow style, e.g. {@code {name: shared, namespace: gateway}}
   */
  public static HTTPRoute route(String namespace, String name, String parentRef, String... hostnames) {
    return SERIALIZATION.unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: %s, namespace: %s}
        spec:
          parentRefs: [%s]
          hostnames: [%s]
          rules:
            - matches: [{path: {type: PathPrefix, value: /.well-known/acme-challenge/}}]
              backendRefs: [{name: web, port: 80}]
            - backendRefs: [{name: web, port: 80}]
        """.formatted(name, namespace, parentRef, hostnames.length == 0 ? ""
        : "\"" + String.join("\", \"", hostnames) + "\""), HTTPRoute.class);
  }
}
