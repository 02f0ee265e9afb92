package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantIngressClassStatus(
    Long observedGeneration,
    List<Condition> conditions,
    String gateway,
    Integer tenants,
    Integer hostnames,
    @JsonPropertyDescription("Objects the API server refused on the last pass (the others were applied); each "
        + "TenantIngress concerned says so too.")
    List<RefusedObject> refused) implements HasConditions {
}
