package io.tenantingress.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdoptionTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** The walkthrough's Gateway as kubectl apply leaves it: kubectl's fields, Envoy Gateway's status. */
  private final Gateway handWritten = SERIALIZATION.unmarshal("""
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: shared
        namespace: gateway
        resourceVersion: "7"
        managedFields:
          - manager: kubectl-client-side-apply
            operation: Update
            apiVersion: gateway.networking.k8s.io/v1
            fieldsType: FieldsV1
            fieldsV1: {"f:spec": {"f:listeners": {"k:{\\"name\\":\\"https\\"}": {"f:tls": {"f:certificateRefs": {}}}}}}
          - manager: kubectl-edit
            operation: Update
            apiVersion: gateway.networking.k8s.io/v1
            fieldsType: FieldsV1
            fieldsV1: {"f:metadata": {"f:labels": {"f:team": {}}}, "f:spec": {"f:listeners": {".": {}}}}
          - manager: envoy-gateway
            operation: Update
            subresource: status
            apiVersion: gateway.networking.k8s.io/v1
            fieldsType: FieldsV1
            fieldsV1: {"f:status": {"f:conditions": {}}}
      spec:
        gatewayClassName: eg
        listeners:
          - {name: http, port: 80, protocol: HTTP}
          - name: https
            port: 443
            protocol: HTTPS
            tls: {certificateRefs: [{kind: Secret, name: team-a-tls}]}
      """, Gateway.class);

  @Test
  void everyFieldBecomesTheOperatorsAndTheStatusStaysTheControllers() {
    List<ManagedFieldsEntry> entries = Adoption.ownedBy(handWritten, "tenant-ingress-operator",
        Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(entries).extracting(ManagedFieldsEntry::getManager)
        .containsExactly("tenant-ingress-operator", "envoy-gateway");
    ManagedFieldsEntry operators = entries.get(0);
    assertThat(operators.getOperation()).isEqualTo("Apply");
    assertThat(SERIALIZATION.asJson(operators.getFieldsV1())).contains("f:certificateRefs", "f:team", "\".\"");
    assertThat(entries.get(1).getSubresource()).isEqualTo("status");
    assertThat(Adoption.writers(handWritten)).containsExactly("kubectl-client-side-apply", "kubectl-edit");
  }

  @Test
  void theChangesNameEachFieldWhoseValueChangesOrGoes() {
    Gateway desired = operatorsGateway("""
        - {name: http, port: 80, protocol: HTTP}
        - name: https
          port: 443
          protocol: HTTPS
          tls: {certificateRefs: [{kind: Secret, name: team-a.team-a.example.com}]}
        """);
    assertThat(Adoption.changes(handWritten, desired))
        .containsExactly("spec.listeners[https].tls.certificateRefs[team-a-tls] (removed)");

    HasMetadata withoutHttps = operatorsGateway("- {name: http, port: 80, protocol: HTTP}\n");
    assertThat(Adoption.changes(handWritten, withoutHttps)).containsExactly("spec.listeners[https] (removed)");
    assertThat(Adoption.changes(handWritten, handWritten)).isEmpty();
  }

  /** The Gateway as the operator would apply it, with these listeners (a YAML list). */
  private static Gateway operatorsGateway(String listeners) {
    return SERIALIZATION.unmarshal("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: shared, namespace: gateway}
        spec:
          gatewayClassName: eg
          listeners:
        %s""".formatted(listeners.indent(4)), Gateway.class);
  }
}
