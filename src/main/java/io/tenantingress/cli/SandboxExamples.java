package io.tenantingress.cli;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressStatus;
import io.tenantingress.desired.OwnershipLabels;
import io.tenantingress.envoy.ClientTrafficPolicy;
import io.tenantingress.reconciler.WriteCounter;
import io.tenantingress.status.ConditionTypes;
import io.tenantingress.status.TenantIngressStatusComputer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Applies the sandbox's example manifests and prints what the operator and the controllers made of them. */
final class SandboxExamples {

  private static final Duration SETTLE = Duration.ofSeconds(240);
  private static final Duration QUIET = Duration.ofSeconds(2);
  private static final List<Class<? extends HasMetadata>> WRITTEN_KINDS = List.of(Gateway.class,
      ClientTrafficPolicy.class, Issuer.class, Certificate.class, HTTPRoute.class, ReferenceGrant.class);

  private final KubernetesClient client;
  private final WriteCounter writes;
  private final PrintWriter out;

  SandboxExamples(KubernetesClient client, WriteCounter writes, PrintWriter out) {
    this.client = client;
    this.writes = writes;
    this.out = out;
  }

  /**
   * Applies every manifest in the folder (with each {@code ${KEY}} of the substitutions replaced), waits until
   * every TenantIngress has settled, and prints what the operator wrote and each status.
   *
   * @return whether every TenantIngress settled in time
   */
  boolean applyAndReport(Path folder, Map<String, String> substitutions) {
    if (!Files.isDirectory(folder)) {
      out.printf("No examples at %s: nothing applied.%n", folder);
      return true;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      try {
        String yaml = Files.readString(file);
        for (Map.Entry<String, String> substitution : substitutions.entrySet()) {
          yaml = yaml.replace("${" + substitution.getKey() + "}", substitution.getValue());
        }
        for (HasMetadata object : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
            .items()) {
          client.resource(object).fieldManager("sandbox").forceConflicts().serverSideApply();
          out.printf("applied %s %s%n", object.getKind(), name(object));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.printf("%nWaiting for Envoy Gateway, cert-manager and the operator (up to %d s)...%n", SETTLE.toSeconds());
    out.flush();
    boolean settled = awaitSettled();
    out.printf("%nWhat the operator wrote:%n");
    for (Class<? extends HasMetadata> kind : WRITTEN_KINDS) {
      client.resources(kind).inAnyNamespace().withLabel(OwnershipLabels.MANAGED_BY, OwnershipLabels.OPERATOR)
          .list().getItems().forEach(o -> out.printf("  %s %s%n", o.getKind(), name(o)));
    }
    for (TenantIngress tenant : client.resources(TenantIngress.class).inAnyNamespace().list().getItems()) {
      TenantIngressStatus status = tenant.getStatus();
      out.printf("%nTenantIngress %s:%n", name(tenant));
      if (status == null) {
        out.println("  (no status yet)");
        continue;
      }
      status.conditions().forEach(c -> out.printf("  %-18s %-5s %s: %s%n", c.getType(), c.getStatus(),
          c.getReason(), c.getMessage()));
      if (status.hostnames() != null) {
        status.hostnames().forEach(h -> out.printf("  hostname %s: %s (%s)%n", h.hostname(), h.state(),
            h.reason()));
      }
    }
    if (!settled) {
      out.printf("%nNot every TenantIngress settled within %d s: the statuses above say where each stands.%n",
          SETTLE.toSeconds());
    }
    out.flush();
    return settled;
  }

  /**
   * Until every TenantIngress's status describes its current generation with Ready True or a reason that is not
   * progress, and nothing the operator writes has changed for a moment; false after {@link #SETTLE}.
   */
  private boolean awaitSettled() {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      List<TenantIngress> tenants = client.resources(TenantIngress.class).inAnyNamespace().list().getItems();
      String now = writes.total() + tenants.stream().map(t -> t.getMetadata().getResourceVersion()).sorted().toList()
          .toString();
      if (tenants.stream().allMatch(SandboxExamples::settled) && now.equals(last)) {
        return true;
      }
      last = now;
      try {
        Thread.sleep(QUIET.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static boolean settled(TenantIngress tenant) {
    TenantIngressStatus status = tenant.getStatus();
    if (status == null || !java.util.Objects.equals(status.observedGeneration(), tenant.getMetadata().getGeneration())) {
      return false;
    }
    return status.conditions().stream().filter(c -> ConditionTypes.READY.equals(c.getType())).anyMatch(c ->
        "True".equals(c.getStatus()) || !TenantIngressStatusComputer.PROGRESS_REASONS.contains(c.getReason()));
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getNamespace() == null ? object.getMetadata().getName()
        : object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }
}
