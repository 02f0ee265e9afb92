package io.tenantingress.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lua health check exactly as docs/argocd.md ships it, run by a Lua 5.1 interpreter (what Argo CD embeds)
 * against TenantIngress status fixtures. A missing interpreter fails the test: .ci/run installs lua5.1.
 */
class ArgoCdHealthCheckTest {

  @TempDir
  static Path dir;
  private static Path healthCheck;

  @BeforeAll
  static void extractTheCheckFromTheDocs() throws IOException {
    String doc = Files.readString(Path.of("docs/argocd.md"));
    int start = doc.indexOf("```lua\n") + "```lua\n".length();
    healthCheck = dir.resolve("health.lua");
    Files.writeString(healthCheck, doc.substring(start, doc.indexOf("```", start)));
  }

  @Test
  void readyAtTheCurrentGenerationIsHealthy() {
    assertThat(health("""
        {metadata = {generation = 2}, status = {observedGeneration = 2,
          conditions = {{type = "Ready", status = "True", reason = "Ready", message = "served"}},
          hostnames = {{hostname = "a.example.com", state = "Ready"}}}}
        """)).isEqualTo("Healthy|served");
  }

  @Test
  void aStatusOfAnOlderGenerationIsProgressing() {
    assertThat(health("""
        {metadata = {generation = 3}, status = {observedGeneration = 2,
          conditions = {{type = "Ready", status = "True", reason = "Ready", message = "served"}}}}
        """)).isEqualTo("Progressing|Waiting for the operator to observe generation 3");
  }

  @Test
  void aPendingCertificateIsProgressing() {
    assertThat(health("""
        {metadata = {generation = 1}, status = {observedGeneration = 1,
          conditions = {{type = "Ready", status = "False", reason = "CertificatePending", message = "not issued"}},
          hostnames = {{hostname = "a.example.com", state = "Pending"}}}}
        """)).isEqualTo("Progressing|CertificatePending: not issued");
  }

  @Test
  void aConflictOrDenialIsDegraded() {
    assertThat(health("""
        {metadata = {generation = 1}, status = {observedGeneration = 1,
          conditions = {{type = "Ready", status = "False", reason = "HostnameClaimed", message = "x"}},
          hostnames = {{hostname = "a.example.com", state = "Ready"},
                       {hostname = "b.example.com", state = "Conflict", reason = "HostnameClaimed",
                        message = "team-b/web claimed it first"}}}}
        """)).isEqualTo("Degraded|b.example.com Conflict (HostnameClaimed): team-b/web claimed it first");
    assertThat(health("""
        {metadata = {generation = 1}, status = {observedGeneration = 1,
          conditions = {{type = "Ready", status = "False", reason = "NotAllowedByPolicy", message = "x"}},
          hostnames = {{hostname = "c.example.org", state = "Denied", reason = "NotAllowedByPolicy",
                        message = "not allowed"}}}}
        """)).startsWith("Degraded|c.example.org Denied");
  }

  @Test
  void aMissingClassIsDegraded() {
    assertThat(health("""
        {metadata = {generation = 1}, status = {observedGeneration = 1,
          conditions = {{type = "Ready", status = "False", reason = "ClassNotFound",
                         message = "TenantIngressClass x does not exist"}}}}
        """)).isEqualTo("Degraded|ClassNotFound: TenantIngressClass x does not exist");
  }

  @Test
  void noStatusYetIsProgressing() {
    assertThat(health("{metadata = {generation = 1}}")).isEqualTo("Progressing|Waiting for the tenant-ingress operator");
  }

  private static String health(String fixture) {
    try {
      Path harness = Files.createTempFile(dir, "harness", ".lua");
      Files.writeString(harness, """
          local check = assert(loadfile("%s"))
          obj = %s
          local hs = check()
          io.write(hs.status .. "|" .. hs.message)
          """.formatted(healthCheck, fixture));
      Process lua = new ProcessBuilder("lua5.1", harness.toString()).redirectErrorStream(true).start();
      String output = new String(lua.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(lua.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(lua.exitValue()).as(output).isZero();
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run lua5.1 (installed by .ci/run: apt-get install lua5.1)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
