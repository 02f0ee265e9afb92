package io.tenantingress.desired;

import io.fabric8.certmanager.api.model.acme.v1.ACMEChallengeSolver;
import io.fabric8.certmanager.api.model.acme.v1.ACMEChallengeSolverBuilder;
import io.fabric8.certmanager.api.model.acme.v1.ACMEChallengeSolverDNS01;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.certmanager.api.model.v1.IssuerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantingress.api.v1alpha1.Acme;
import java.util.List;
import java.util.function.Predicate;

/**
 * The ACME Issuer of each Gateway, in the namespace where TLS terminates, when the class asks for one. HTTP-01
 * challenges are answered on port 80 where the hostname is served (cert-manager attaches a short-lived HTTPRoute
 * there): the Gateway's http listener, or with ListenerSets the hostname's own http listener, which admits no
 * other namespace's route; a DNS-01 solver is passed through as the class wrote it.
 */
public final class IssuerDesiredState {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private IssuerDesiredState() {
  }

  public static List<Issuer> render(ClassPlan plan, Predicate<String> namespaces) {
    if (plan.tenantClass().acme() == null) {
      return List.of();
    }
    List<GatewayInstance> gateways = GatewayInstance.of(plan);
    if (plan.tenantClass().usesListenerSets()) {
      // Certificates live in the tenant namespaces, and an Issuer only serves its own namespace; challenges are
      // answered on the hostnames' own http listeners, on the namespace's ListenerSets.
      return gateways.stream().flatMap(g -> g.tenants().stream()
              .filter(t -> !t.externalTls() && !t.admitted().isEmpty()).map(TenantPlan::namespace).distinct()
              .filter(namespaces)
              .map(namespace -> issuer(g, namespace, OwnershipLabels.forNamespace(plan.tenantClass().name(),
                  namespace), g.placement().listenerSets(namespace).stream()
                  .map(listenerSet -> new ParentReferenceBuilder()
                      .withGroup(ClientTrafficPolicyDesiredState.GATEWAY_API_GROUP).withKind("ListenerSet")
                      .withName(listenerSet).withPort(plan.tenantClass().httpPort()).build()).toList())))
          .toList();
    }
    return gateways.stream().filter(g -> namespaces.test(g.namespace()))
        .map(g -> issuer(g, g.namespace(), g.labels(), List.of(new ParentReferenceBuilder()
            .withGroup(ClientTrafficPolicyDesiredState.GATEWAY_API_GROUP).withKind("Gateway").withName(g.name())
            .withNamespace(g.namespace()).build()))).toList();
  }

  private static Issuer issuer(GatewayInstance gateway, String namespace, java.util.Map<String, String> labels,
      List<ParentReference> challengeParents) {
    EffectiveClass tenantClass = gateway.tenantClass();
    Acme acme = tenantClass.acme();
    return new IssuerBuilder()
        .withNewMetadata().withName(tenantClass.issuerName()).withNamespace(namespace)
        .withLabels(labels).endMetadata()
        .withNewSpec().withNewAcme()
        .withServer(acme.server()).withEmail(acme.email())
        .withNewPrivateKeySecretRef().withName(ResourceNames.accountKeySecretName(tenantClass.issuerName()))
        .endPrivateKeySecretRef()
        .withSolvers(solver(acme, challengeParents))
        .endAcme().endSpec()
        .build();
  }

  private static ACMEChallengeSolver solver(Acme acme, List<ParentReference> challengeParents) {
    if (acme.solver().http01() != null) {
      return new ACMEChallengeSolverBuilder().withNewHttp01().withNewGatewayHTTPRoute()
          .withParentRefs(challengeParents).endGatewayHTTPRoute().endHttp01().build();
    }
    return new ACMEChallengeSolverBuilder()
        .withDns01(SERIALIZATION.convertValue(acme.solver().dns01(), ACMEChallengeSolverDNS01.class)).build();
  }
}
