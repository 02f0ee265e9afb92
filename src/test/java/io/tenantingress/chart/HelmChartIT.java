package io.tenantingress.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.sandbox.EmbeddedKubernetes;
import io.tenantingress.testing.KubernetesExtension;
import io.tenantingress.testing.OperatorProcess;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The chart lints, renders what a platform team expects, refuses bad values, and installs. */
@ExtendWith(KubernetesExtension.class)
class HelmChartIT {

  private static Helm helm;
  private static KubernetesClient client;

  @BeforeAll
  static void locateHelm(EmbeddedKubernetes kube, KubernetesClient kubernetesClient) {
    helm = new Helm(kube.location().helm(), kube.writeKubeconfig());
    client = kubernetesClient;
  }

  @Test
  void chartLints() {
    Helm.Result lint = helm.run("lint", Helm.CHART.toString(), "--strict", "--set", "defaultClass.create=true",
        "--set", "defaultClass.acme.email=platform@example.com");
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  @Test
  void theDeploymentRunsLockedDown() {
    List<HasMetadata> objects = template("--set", "replicaCount=2");
    assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceAccount", "ClusterRole",
        "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment", "PodDisruptionBudget",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    // Not one rule on Secrets (issue 13): certificates are judged from cert-manager's and Envoy Gateway's status.
    assertThat(objects).filteredOn(o -> o.getKind().equals("ClusterRole") || o.getKind().equals("Role"))
        .flatExtracting(o -> o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole c ? c.getRules()
            : ((io.fabric8.kubernetes.api.model.rbac.Role) o).getRules())
        .flatExtracting(io.fabric8.kubernetes.api.model.rbac.PolicyRule::getResources)
        .doesNotContain("secrets", "*");
    Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow();
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = pod.getContainers().get(0);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(container.getArgs()).contains("run", "--leader-election", "--lease-duration=15s",
        "--renew-deadline=10s", "--retry-period=2s");
    assertThat(container.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("HOSTNAME");
      assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    });
  }

  /** The JVM the benchmark and the chaos suite run ({@link OperatorProcess}) is the one the chart runs. */
  @Test
  void theJvmIsSizedFromTheMemoryLimit() {
    assertThat(env(template(), "JAVA_TOOL_OPTIONS")).isEqualTo(String.join(" ", OperatorProcess.JVM_OPTIONS));
    OperatorProcess.JVM_ENVIRONMENT.forEach((name, value) -> assertThat(env(template(), name)).isEqualTo(value));
    assertThat(env(template("--set", "resources.limits.memory=1Gi", "--set", "jvm.extraOptions=-Xlog:gc"),
        "JAVA_TOOL_OPTIONS")).startsWith("-Xmx816m ").endsWith(" -Xlog:gc");
    assertRefused("'512M' does not match pattern", "--set", "resources.limits.memory=512M");
    assertRefused("resources.limits.memory 256Mi leaves the JVM a heap of 48 MiB beside jvm.nonHeap 208Mi",
        "--set", "resources.limits.memory=256Mi");
  }

  private static String env(List<HasMetadata> objects, String name) {
    return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
        .orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
  }

  @Test
  void oneReplicaHasNeitherLeaderElectionNorADisruptionBudget() {
    List<HasMetadata> objects = template();
    assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("PodDisruptionBudget", "Role");
    Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .doesNotContain("--leader-election");
  }

  @Test
  void badValuesAreRefusedWithTheReason() {
    assertRefused("at '/replicaCount': minimum: got 0, want 1", "--set", "replicaCount=0");
    assertRefused("at '/logFormat': value must be one of 'text', 'json'", "--set", "logFormat=xml");
    assertRefused("at '/defaultClass/acme/email'", "--set", "defaultClass.create=true");
    assertRefused("additional properties 'replicas' not allowed", "--set", "replicas=2");
    assertRefused("at '/leaderElection/leaseDuration'", "--set", "leaderElection.leaseDuration=15");
  }

  @Test
  void installsIntoTheApiServerWithTheDefaultClass() {
    Helm.Result install = helm.run("install", "tio", Helm.CHART.toString(), "--namespace", "tio-system",
        "--create-namespace", "--set", "defaultClass.create=true", "--set",
        "defaultClass.acme.email=platform@example.com", "--set", "defaultClass.name=chart-default",
        "--set", "defaultClass.gatewayNamespace=chart-gateway");
    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(install.output()).contains("chart-default");

    assertThat(client.apps().deployments().inNamespace("tio-system").withName("tio-tenant-ingress-operator").get())
        .isNotNull();
    TenantIngressClass installed = client.resources(TenantIngressClass.class).withName("chart-default").get();
    assertThat(installed.isDefaultClass()).isTrue();
    assertThat(installed.getSpec().clientIP().proxyProtocol()).isNotNull();
    // The admission policy installs (the API server compiles its CEL on the way in); it is removed again, since it
    // would hold for the classes of the tests that share this API server (AdmissionPolicyIT tests what it does).
    var policies = client.genericKubernetesResources("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy");
    var bindings = client.genericKubernetesResources("admissionregistration.k8s.io/v1",
        "ValidatingAdmissionPolicyBinding");
    assertThat(policies.withName("tio-tenant-ingress-operator-owned-hostnames").get()).isNotNull();
    assertThat(bindings.withName("tio-tenant-ingress-operator-owned-hostnames").get()).isNotNull();
    bindings.withName("tio-tenant-ingress-operator-owned-hostnames").delete();
    policies.withName("tio-tenant-ingress-operator-owned-hostnames").delete();
  }

  private List<HasMetadata> template(String... values) {
    List<String> args = new java.util.ArrayList<>(List.of("template", "tio", Helm.CHART.toString(), "--namespace",
        "tio-system"));
    args.addAll(List.of(values));
    Helm.Result rendered = helm.run(args.toArray(String[]::new));
    assertThat(rendered.exitCode()).as(rendered.output()).isZero();
    return client.load(new java.io.ByteArrayInputStream(rendered.output().getBytes())).items();
  }

  private void assertRefused(String message, String... values) {
    List<String> args = new java.util.ArrayList<>(List.of("template", "tio", Helm.CHART.toString()));
    args.addAll(List.of(values));
    Helm.Result rendered = helm.run(args.toArray(String[]::new));
    assertThat(rendered.exitCode()).isNotZero();
    assertThat(rendered.output()).contains(message);
  }
}
