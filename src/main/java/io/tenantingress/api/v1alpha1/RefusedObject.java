package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An object of the class that the API server refused to take, and why, as the API server said it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefusedObject(
    String kind,
    String namespace,
    String name,
    @JsonPropertyDescription("The TenantIngress (namespace/name) the object was rendered for; none for objects of "
        + "the whole class.")
    String tenant,
    String message) {

  @Override
  public String toString() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name + ": " + message;
  }
}
