package io.tenantingress.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Let's Encrypt's ACME test server, with pebble-challtestsrv as its DNS, which resolves every name to this
 * machine. Pebble validates HTTP-01 challenges on the port of {@link Http01ResponderStandIn}, so a challenge
 * passes only if Envoy Gateway accepted cert-manager's solver route. It serves ACME over TLS with its own test
 * certificate for {@code localhost}, signed by {@link #caBundle()}.
 */
final class Pebble implements AutoCloseable {

  private final ChildProcess dns;
  private final ChildProcess pebble;
  private final int port;
  private final Path caBundle;

  private Pebble(ChildProcess dns, ChildProcess pebble, int port, Path caBundle) {
    this.dns = dns;
    this.pebble = pebble;
    this.port = port;
    this.caBundle = caBundle;
  }

  static Pebble start(Path controllersDir, int validationPort, Path workDir) {
    try {
      Path dir = Files.createDirectories(workDir.resolve("pebble"));
      int dnsPort = freePort();
      int acmePort = freePort();
      ChildProcess dns = ChildProcess.start("pebble-challtestsrv", List.of(
          controllersDir.resolve("pebble-challtestsrv").toString(),
          "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
          "-dnsserver", "127.0.0.1:" + dnsPort, "-management", "127.0.0.1:" + freePort(),
          "-http01", "", "-https01", "", "-tlsalpn01", "", "-doh", ""), Map.of(), dir);
      Path config = dir.resolve("pebble-config.json");
      Files.writeString(config, """
          {"pebble": {
            "listenAddress": "127.0.0.1:%d",
            "managementListenAddress": "127.0.0.1:%d",
            "certificate": "%s",
            "privateKey": "%s",
            "httpPort": %d,
            "tlsPort": %d,
            "ocspResponderURL": "",
            "externalAccountBindingRequired": false
          }}
          """.formatted(acmePort, freePort(), controllersDir.resolve("cert.pem"), controllersDir.resolve("key.pem"),
          validationPort, freePort()));
      // No random sleeps before validation and no random nonce rejections: deterministic, quick issuance.
      ChildProcess pebble = ChildProcess.start("pebble", List.of(controllersDir.resolve("pebble").toString(),
              "-config", config.toString(), "-dnsserver", "127.0.0.1:" + dnsPort),
          Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"), dir);
      return new Pebble(dns, pebble, acmePort, controllersDir.resolve("pebble.minica.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Pebble's work folder", e);
    }
  }

  /** The ACME directory URL for an Issuer's {@code spec.acme.server}. */
  String directoryUrl() {
    return "https://localhost:" + port + "/dir";
  }

  /** The CA that signed Pebble's serving certificate, for cert-manager's {@code SSL_CERT_FILE}. */
  Path caBundle() {
    return caBundle;
  }

  void ensureAlive() {
    dns.ensureAlive();
    pebble.ensureAlive();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    pebble.close();
    dns.close();
  }
}
