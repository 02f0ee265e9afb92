package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** An HTTPRoute that names a hostname, with the conditions its parent (the class's Gateway) gave it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteSummary(String namespace, String name, List<Condition> conditions) {
}
