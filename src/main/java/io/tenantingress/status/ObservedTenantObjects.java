package io.tenantingress.status;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.tenantingress.api.v1alpha1.RefusedObject;
import io.tenantingress.gatewayapi.ListenerSet;
import io.tenantingress.desired.SecretRef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Envoy Gateway and cert-manager say about one TenantIngress's objects, as read from the caches: its
 * Gateway (null when it does not exist), the operator's ListenerSets in its namespace, every HTTPRoute in its namespace, HTTPRoutes of other namespaces that
 * name one of its hostnames, its Certificates by the Secret they write, and every hostname any TenantIngress in
 * its namespace claims (to tell a stray route from another's), and its objects the API server refused (from its
 * class's status).
 */
public record ObservedTenantObjects(
    Gateway gateway,
    List<ListenerSet> listenerSets,
    List<HTTPRoute> routesInNamespace,
    List<HTTPRoute> routesElsewhereForItsHostnames,
    Map<SecretRef, Certificate> certificates,
    Set<String> hostnamesClaimedInNamespace,
    List<RefusedObject> refused) {
}
