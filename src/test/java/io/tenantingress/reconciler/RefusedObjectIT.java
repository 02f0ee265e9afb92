package io.tenantingress.reconciler;

import static io.tenantingress.reconciler.OperatorTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An object the API server refuses (here: an organisation's ValidatingAdmissionPolicy that forbids a hostname)
 * jams nothing: every other object of the class is applied, every other tenant proceeds, the refusal is reported
 * on the class and on the tenant it belongs to with the API server's words, and it is retried with backoff until
 * the cause goes, with no other event needed.
 */
class RefusedObjectIT extends WithOperatorOnRealControllers {

  private static final String FORBIDDEN = "forbidden.refuse.example.com";
  private static final String POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: refuse-forbidden-hostname}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
            - {apiGroups: [gateway.networking.k8s.io], apiVersions: ["*"], operations: [CREATE, UPDATE],
               resources: [httproutes]}
        validations:
          - expression: "!has(object.spec.hostnames) || !object.spec.hostnames.exists(h, h == '%s')"
            message: "%s may not be routed (organisation policy)"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: refuse-forbidden-hostname}
      spec:
        policyName: refuse-forbidden-hostname
        validationActions: [Deny]
      """.formatted(FORBIDDEN, FORBIDDEN);

  @Test
  void aRefusedObjectIsReportedOnItsTenantAndClassWhileEverythingElseProceedsAndItIsRetried() {
    createCaClass("refuse", """
        gateway: {namespace: refuse-gw}
        clientIP: {proxyProtocol: {}}
        """);
    List<HasMetadata> policy = client.load(new ByteArrayInputStream(POLICY.getBytes(StandardCharsets.UTF_8))).items();
    policy.forEach(o -> client.resource(o).fieldManager("test").serverSideApply());
    eventually().until(this::policyInForce);

    routedTenant("refuse-bad", "refuse", FORBIDDEN);
    routedTenant("refuse-ok", "refuse", "ok.refuse.example.com");

    eventually().untilAsserted(() -> assertThat(support.condition("refuse-bad", "web", "Ready"))
        .hasValue("False/ApplyRefused"));
    assertThat(readyMessage()).contains("HTTPRoute refuse-bad/" + FORBIDDEN)
        .contains("may not be routed (organisation policy)");
    eventually().untilAsserted(() -> assertThat(support.condition("refuse-ok", "web", "Ready"))
        .hasValue("True/Ready"));
    assertThat(client.resources(Certificate.class).inNamespace("refuse-gw").withName("refuse-bad." + FORBIDDEN)
        .get()).as("the refused tenant's other objects are applied").isNotNull();
    TenantIngressClass tenantClass = client.resources(TenantIngressClass.class).withName("refuse").get();
    assertThat(tenantClass.getStatus().refused()).singleElement().satisfies(r -> {
      assertThat(r.kind() + " " + r.namespace() + "/" + r.name()).isEqualTo("HTTPRoute refuse-bad/" + FORBIDDEN);
      assertThat(r.tenant()).isEqualTo("refuse-bad/web");
    });
    assertThat(tenantClass.getStatus().conditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("ApplyRefused"));

    // The organisation lifts its policy; nothing else changes, and the operator's retry finds out.
    policy.forEach(o -> client.resource(o).delete());

    eventually().untilAsserted(() -> assertThat(client.resources(HTTPRoute.class).inNamespace("refuse-bad")
        .withName(FORBIDDEN).get()).isNotNull());
    eventually().untilAsserted(() -> assertThat(support.condition("refuse-bad", "web", "Ready"))
        .hasValue("True/Ready"));
    eventually().untilAsserted(() -> assertThat(client.resources(TenantIngressClass.class).withName("refuse").get()
        .getStatus().refused()).isNull());
  }

  private boolean policyInForce() {
    HTTPRoute probe = client.getKubernetesSerialization().unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: probe, namespace: default}
        spec: {hostnames: [%s]}
        """.formatted(FORBIDDEN), HTTPRoute.class);
    try {
      client.resource(probe).dryRun().create();
      return false;
    } catch (KubernetesClientException refused) {
      return refused.getCode() == 422 || refused.getCode() == 403;
    }
  }

  private String readyMessage() {
    return support.tenant("refuse-bad", "web").getStatus().conditions().stream()
        .filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getMessage();
  }
}
