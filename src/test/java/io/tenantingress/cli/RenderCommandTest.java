package io.tenantingress.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsEveryObjectAsYamlAndEachHostnamesFateApart() {
    int exit = run("render", "-f", "src/test/resources/golden/shared-direct/input.yaml");

    assertThat(exit).isZero();
    List<?> documents = (List<?>) new KubernetesSerialization().unmarshal(out.toString());
    assertThat(documents).map(d -> ((HasMetadata) d).getKind())
        .containsExactly("Namespace", "Namespace", "Issuer", "Certificate", "Gateway", "ClientTrafficPolicy",
            "HTTPRoute", "HTTPRoute");
    assertThat(err.toString()).contains("team-a/team-a team-a.example.com: Ready (Served)");
  }

  @Test
  void aTenantWithoutAClassFailsWithTheReason(@TempDir Path dir) throws IOException {
    Path manifest = dir.resolve("tenant.yaml");
    Files.writeString(manifest, """
        apiVersion: tenantingress.io/v1alpha1
        kind: TenantIngress
        metadata: {name: web, namespace: team-a}
        spec: {className: missing, hostnames: [a.example.com]}
        """);

    assertThat(run("render", "-f", manifest.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("team-a/web: ClassNotFound: TenantIngressClass missing does not exist");
  }

  @Test
  void objectsOfOtherKindsArePassedOverAndListed(@TempDir Path dir) throws IOException {
    Path manifest = dir.resolve("other.yaml");
    Files.writeString(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");

    assertThat(run("render", "-f", manifest.toString())).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("# ignored (not rendered by the operator) " + manifest + ": ConfigMap settings");
  }

  @Test
  void aMissingFileIsOneLineOfError() {
    assertThat(run("render", "-f", "does-not-exist.yaml")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: does-not-exist.yaml").doesNotContain("\tat ");
  }

  private int run(String... args) {
    return TenantIngressOperatorCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
  }
}
