package io.tenantingress.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantingress.desired.DesiredObjects;
import io.tenantingress.desired.ObservedFacts;
import io.tenantingress.desired.Plan;
import io.tenantingress.desired.TenantIngressPlanner;
import io.tenantingress.desired.TenantPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints every object the operator would write for the given manifests, as YAML, with no cluster: for review
 * and GitOps diffs. cert-manager Certificates among the manifests whose status
 * says they are issued count as issued: the operator's (its managed-by label) as its own, the others as written by
 * hand (a shared Gateway keeps serving those for the names the operator does not serve itself).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print, as YAML, every object the operator would write for the given TenantIngressClasses and "
        + "TenantIngresses. No cluster needed.")
final class RenderCommand implements Callable<Integer> {

  @Option(names = {"-f", "--filename"}, required = true,
      description = "Manifest with TenantIngressClasses, TenantIngresses and, optionally, cert-manager "
          + "Certificates with their status (issued ones go on the listeners); repeatable.")
  List<Path> files;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ManifestReader reader = new ManifestReader();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        reader.read(in, file.toString());
      }
    }
    ManifestReader.Manifests manifests = reader.manifests();
    Plan plan = TenantIngressPlanner.plan(manifests.classes(), manifests.tenants(),
        ObservedFacts.fromCertificates(manifests.certificates()).withNamespaces(manifests.namespaces()));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KubernetesSerialization serialization = new KubernetesSerialization();
    for (HasMetadata object : DesiredObjects.all(plan)) {
      out.print(serialization.asYaml(object));
    }
    out.flush();
    // What each hostname would be goes to stderr, so that stdout stays a manifest to diff or apply.
    manifests.ignored().forEach(i -> err.printf("# ignored (not rendered by the operator) %s%n", i));
    for (TenantPlan tenant : plan.classes().stream().flatMap(c -> c.tenants().stream()).toList()) {
      tenant.hostnames().forEach(h -> err.printf("# %s %s: %s (%s) %s%n", tenant.ref(), h.hostname(), h.state(),
          h.reason(), h.note() == null ? h.message() : h.message() + "; " + h.note()));
    }
    plan.unresolved().forEach(t -> err.printf("# %s: %s: %s%n", t.ref(), t.classProblemReason(),
        t.classProblemMessage()));
    err.flush();
    return plan.unresolved().isEmpty() ? 0 : 1;
  }
}
