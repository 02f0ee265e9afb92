package io.tenantingress.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.httpPort != self.httpsPort", message = "listeners.httpPort and listeners.httpsPort must differ")
public record Listeners(
    @Default("80") @Min(1) @Max(65535) Integer httpPort,
    @Default("443") @Min(1) @Max(65535) Integer httpsPort) {

  public static final int DEFAULT_HTTP_PORT = 80;
  public static final int DEFAULT_HTTPS_PORT = 443;
}
