package io.tenantingress.reconciler;

/** Every hostile-tenant attempt against a class whose tenants share the Gateway's own https listener. */
class HostileTenantOnGatewayLayoutIT extends HostileTenantSuite {

  HostileTenantOnGatewayLayoutIT() {
    super("hg", "tenantListeners: Gateway\n");
  }
}
