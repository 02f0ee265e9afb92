package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessLabel(
    @Default(DEFAULT_KEY) @Size(min = 1, max = 317) @Pattern(ApiPatterns.LABEL_KEY) String key,
    @Default(DEFAULT_VALUE) @Size(max = 63) @Pattern(ApiPatterns.LABEL_VALUE) String value) {

  public static final String DEFAULT_KEY = "shared-gateway-access";
  public static final String DEFAULT_VALUE = "true";
}
