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
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Applies the example manifests to the sandbox and prints what the operator made of them. */
final class SandboxExamples {

  private static final Duration SETTLE = Duration.ofSeconds(30);
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

  void applyAndReport(Path folder) {
    if (!Files.isDirectory(folder)) {
      out.printf("No examples at %s: nothing applied.%n", folder);
      return;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata object : client.load(in).items()) {
          client.resource(object).fieldManager("sandbox").forceConflicts().serverSideApply();
          out.printf("applied %s %s%n", object.getKind(), name(object));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    awaitQuiet();
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
    out.flush();
  }

  /** Until nothing the operator writes has changed for a moment (or {@link #SETTLE} has passed). */
  private void awaitQuiet() {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      String now = String.valueOf(writes.total()) + client.resources(TenantIngress.class).inAnyNamespace().list()
          .getItems().stream().map(t -> t.getMetadata().getResourceVersion()).sorted().toList();
      if (now.equals(last)) {
        return;
      }
      last = now;
      try {
        Thread.sleep(QUIET.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getNamespace() == null ? object.getMetadata().getName()
        : object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }
}
