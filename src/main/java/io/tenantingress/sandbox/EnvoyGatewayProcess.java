package io.tenantingress.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Envoy Gateway's control plane, out of cluster, in Kubernetes-provider mode: it watches the API server through a
 * kubeconfig and writes the GatewayClass, Gateway, listener, ListenerSet, route and policy conditions the
 * operator reads, and creates the Envoy proxy Deployment and Service (whose status {@link EnvoyProxyStandIn}
 * supplies).
 *
 * <p>Envoy Gateway reads its xDS serving certificates from the fixed folder {@code /certs}. Rather than create
 * that folder on the host, the server runs in a private mount namespace whose root is a view of the host's with
 * the work folder's certificates mounted at {@code /certs} ({@link #PRIVATE_ROOT}). Its ports are fixed too
 * (8080, 8081, 9443, 18000, 18002, 19000, 19001): one Envoy Gateway per machine at a time.
 */
final class EnvoyGatewayProcess {

  static final String NAMESPACE = "envoy-gateway-system";
  static final String CONTROLLER_NAME = "gateway.envoyproxy.io/gatewayclass-controller";
  private static final Duration CERTGEN_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Builds a root of bind mounts of every top-level folder of the host's (links copied as links), adds
   * {@code /certs}, and runs the command in it. The mounts exist only in this process's mount namespace.
   */
  private static final String PRIVATE_ROOT = """
      set -eu
      root="$1"; certs="$2"; shift 2
      mount -t tmpfs tenant-ingress-root "$root"
      for entry in /*; do
        name="${entry#/}"
        if [ -L "$entry" ]; then cp -P "$entry" "$root/$name"
        elif [ -d "$entry" ]; then mkdir "$root/$name"; mount --rbind "$entry" "$root/$name"
        fi
      done
      mkdir "$root/certs"
      mount --bind "$certs" "$root/certs"
      cd_to="$PWD"
      exec chroot "$root" sh -c 'cd "$0" && exec "$@"' "$cd_to" "$@"
      """;

  private static final String CONFIG = """
      apiVersion: gateway.envoyproxy.io/v1alpha1
      kind: EnvoyGateway
      gateway:
        controllerName: %s
      provider:
        type: Kubernetes
        kubernetes:
          leaderElection:
            disable: true
      logging:
        level:
          default: info
      """.formatted(CONTROLLER_NAME);

  private EnvoyGatewayProcess() {
  }

  static ChildProcess start(Path binary, KubernetesClient client, String kubeconfigYaml, Path workDir) {
    try {
      Path dir = Files.createDirectories(workDir.resolve("envoy-gateway"));
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, kubeconfigYaml);
      Path config = dir.resolve("config.yaml");
      Files.writeString(config, CONFIG);
      Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString(), "ENVOY_GATEWAY_NAMESPACE", NAMESPACE);

      client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .fieldManager(CrdInstaller.FIELD_MANAGER).serverSideApply();
      // The xDS certificates as Envoy Gateway's own certgen job writes them in a cluster (Secrets in its
      // namespace, which the proxy Deployment mounts); the server's copy goes to the private /certs.
      ChildProcess.run("envoy-gateway-certgen", List.of(binary.toString(), "certgen",
          "--disable-topology-injector"), env, dir, CERTGEN_TIMEOUT);
      Path certs = Files.createDirectories(dir.resolve("certs"));
      Secret secret = client.secrets().inNamespace(NAMESPACE).withName("envoy-gateway")
          .waitUntilCondition(s -> s != null && s.getData() != null, 30, TimeUnit.SECONDS);
      for (String file : List.of("ca.crt", "tls.crt", "tls.key")) {
        Files.write(certs.resolve(file), Base64.getDecoder().decode(secret.getData().get(file)));
      }
      Path root = Files.createDirectories(dir.resolve("root"));

      List<String> command = new ArrayList<>(unshare());
      command.addAll(List.of("sh", "-c", PRIVATE_ROOT, "private-root", root.toString(), certs.toString(),
          binary.toString(), "server", "--config-path", config.toString()));
      return ChildProcess.start("envoy-gateway", command, env, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Envoy Gateway's work folder", e);
    }
  }

  /** A private mount namespace: as root directly, otherwise inside a user namespace that maps this user to root. */
  private static List<String> unshare() {
    boolean root = "root".equals(System.getProperty("user.name"));
    return root ? List.of("unshare", "--mount", "--propagation", "private")
        : List.of("unshare", "--user", "--map-root-user", "--mount", "--propagation", "private");
  }
}
