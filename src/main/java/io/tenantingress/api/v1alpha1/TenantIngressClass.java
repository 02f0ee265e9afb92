package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** How one cluster entry point is wired: Gateway layout, client-IP mode, certificates, hostname policy. */
@Group(TenantIngress.GROUP)
@Version(TenantIngress.VERSION)
@ShortNames("tic")
// Named rather than derived: fabric8 derives a plural with regular expressions in every constructor.
@Plural("tenantingressclasses")
@Categories("tenant-ingress")
@AdditionalPrinterColumn(name = "Layout", jsonPath = ".spec.layout")
@AdditionalPrinterColumn(name = "Gateway", jsonPath = ".status.gateway")
@AdditionalPrinterColumn(name = "Tenants", jsonPath = ".status.tenants", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Hostnames", jsonPath = ".status.hostnames", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// Every object a class renders carries its name as a label value, which holds at most 63 characters.
@ValidationRule(value = "size(self.metadata.name) <= 63",
    message = "a TenantIngressClass name has at most 63 characters: it is the value of the tenantingress.io/class "
        + "label on every object the class renders")
public class TenantIngressClass extends CustomResource<TenantIngressClassSpec, TenantIngressClassStatus> {

  /** Marks the class that TenantIngresses without {@code spec.className} use. */
  public static final String DEFAULT_CLASS_ANNOTATION = "tenantingress.io/is-default-class";

  @JsonIgnore
  public boolean isDefaultClass() {
    return getMetadata().getAnnotations() != null
        && "true".equals(getMetadata().getAnnotations().get(DEFAULT_CLASS_ANNOTATION));
  }
}
