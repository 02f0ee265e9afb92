package io.tenantingress.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A real, self-signed certificate and key ({@code src/test/resources/stand-in-tls}, for *.example.com), which
 * Envoy Gateway would accept: what a team puts in its own External TLS Secret in a test, and what
 * {@link ControllerStandIns} issues where cert-manager does not run.
 */
public final class TestCertificate {

  private static final String TLS_CRT = resource("/stand-in-tls/tls.crt");
  private static final String TLS_KEY = resource("/stand-in-tls/tls.key");

  private TestCertificate() {
  }

  /** The {@code stringData} of a {@code kubernetes.io/tls} Secret holding it. */
  public static Map<String, String> tlsSecretData() {
    return Map.of("tls.crt", TLS_CRT, "tls.key", TLS_KEY);
  }

  private static String resource(String name) {
    try (InputStream in = TestCertificate.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
