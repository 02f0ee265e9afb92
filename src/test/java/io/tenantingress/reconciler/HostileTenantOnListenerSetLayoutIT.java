package io.tenantingress.reconciler;

/** Every hostile-tenant attempt against a class whose tenants have listeners of their own on ListenerSets. */
class HostileTenantOnListenerSetLayoutIT extends HostileTenantSuite {

  HostileTenantOnListenerSetLayoutIT() {
    super("hl", "tenantListeners: ListenerSet\n");
  }
}
