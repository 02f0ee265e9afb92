package io.tenantingress.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The steps in which a class's objects are written, one after the other. Nothing in a step names anything else in
 * it, so a step's objects are written together; each step is rendered when its turn comes, so that a pass over
 * thousands of tenants never holds every rendered object at once.
 *
 * <p>A step renders the objects of the namespaces asked for. What lands in a namespace other than a shared class's
 * gateway namespace is rendered from the class and the tenants of that namespace alone, never from another
 * namespace's: so a namespace's objects change only when its own tenants' plans or the class do, and a pass can
 * leave out the namespaces a new plan decides nothing new for.
 */
public enum WriteStep {

  /** A Gateway that referenced a tenant's Secret before the grant existed would be told it is not permitted. */
  GRANTS(ReferenceGrantDesiredState::render),
  /** An Issuer goes before the Certificates that name it (cert-manager would otherwise report them failing). */
  ISSUERS(IssuerDesiredState::render),
  /**
   * A hostname moving onto a ListenerSet gets its new listener before the Gateway lets go of it. A Certificate's
   * issuance is the longest wait of a tenant's onboarding, so it starts here, beside the listeners, rather than after
   * every other write of the pass.
   */
  LISTENER_SETS_AND_CERTIFICATES(ListenerSetDesiredState::render, CertificateDesiredState::render),
  GATEWAYS(GatewayDesiredState::render),
  /** The policy names the Gateway. */
  POLICIES(ClientTrafficPolicyDesiredState::render),
  /** Routes name the Gateway or the ListenerSets they attach to. */
  ROUTES(HttpsRedirectRouteDesiredState::render, TenantRouteDesiredState::render);

  /** Renders every namespace. */
  public static final Predicate<String> EVERY_NAMESPACE = namespace -> true;

  private final List<BiFunction<ClassPlan, Predicate<String>, List<? extends HasMetadata>>> kinds;

  @SafeVarargs
  WriteStep(BiFunction<ClassPlan, Predicate<String>, List<? extends HasMetadata>>... kinds) {
    this.kinds = List.of(kinds);
  }

  /** This step's objects of a class in the namespaces asked for, kind after kind. */
  public List<HasMetadata> render(ClassPlan plan, Predicate<String> namespaces) {
    return kinds.stream().<HasMetadata>flatMap(kind -> kind.apply(plan, namespaces).stream()).toList();
  }

  /** Every object of a class, step after step. */
  static Stream<HasMetadata> renderAll(ClassPlan plan) {
    return Stream.of(values()).flatMap(step -> step.render(plan, EVERY_NAMESPACE).stream());
  }
}
