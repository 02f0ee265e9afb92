package io.tenantingress.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The hostnames one namespace serves through a TenantIngressClass's entry point. */
@Group(TenantIngress.GROUP)
@Version(TenantIngress.VERSION)
@ShortNames("ti")
// Named rather than derived: fabric8 derives a plural with regular expressions in every constructor.
@Plural("tenantingresses")
@Categories("tenant-ingress")
@AdditionalPrinterColumn(name = "Class", jsonPath = ".status.className")
@AdditionalPrinterColumn(name = "Hostnames", jsonPath = ".spec.hostnames")
@AdditionalPrinterColumn(name = "Address", jsonPath = ".status.gateway.addresses[0]")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TenantIngress extends CustomResource<TenantIngressSpec, TenantIngressStatus> implements Namespaced {

  public static final String GROUP = "tenantingress.io";
  public static final String VERSION = "v1alpha1";
}
