package io.tenantingress.desired;

import io.tenantingress.api.v1alpha1.HostnameState;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import io.tenantingress.api.v1alpha1.TlsMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides, from all classes and all TenantIngresses at once, which class each TenantIngress uses and what
 * happens to each of its hostnames. Deciding globally is what keeps one tenant's claim, typo or surplus from
 * changing what another tenant is served:
 * <ul>
 *   <li>a hostname goes to the oldest claim (creationTimestamp, then namespace/name); a younger claim gets
 *       Conflict and nothing is rendered for it;</li>
 *   <li>a hostname the class's policy does not allow, or a wildcard that HTTP-01 cannot validate, is Denied and
 *       claims nothing, so it cannot block the tenant that may have it;</li>
 *   <li>when a Gateway's https listener is full, the youngest tenants' hostnames are the ones left out;</li>
 *   <li>a managed hostname is Ready once cert-manager has issued its certificate, Pending until then; an
 *       External TLS hostname is listed at once and judged by Envoy Gateway.</li>
 * </ul>
 */
public final class TenantIngressPlanner {

  /** Gateway API allows at most 64 certificateRefs on one listener. */
  public static final int MAX_CERTIFICATE_REFS = 64;
  /** Compiled once: every plan reads it for every tenant. */
  private static final Pattern SPILL_SUFFIX = Pattern.compile("-[0-9]+$");

  private TenantIngressPlanner() {
  }

  public static Plan plan(List<TenantIngressClass> classes, List<TenantIngress> tenants, ObservedFacts facts) {
    return plan(classes, tenants, facts, Optional.empty());
  }

  /**
   * The plan, whose parts that equal the {@code previous} plan's are the previous plan's objects: the plan is
   * held while the next one is made, so with thousands of tenants it outlives young collections, and what is new
   * in it is copied on and promoted; shared, only what changed is. (It also makes comparing two plans for what
   * changed cheap: equal parts are the same objects.)
   */
  public static Plan plan(List<TenantIngressClass> classes, List<TenantIngress> tenants, ObservedFacts facts,
      Optional<Plan> previous) {
    Map<String, ClassPlan> before = new HashMap<>();
    previous.ifPresent(p -> p.classes().forEach(c -> before.put(c.tenantClass().name(), c)));
    List<EffectiveClass> effective = classes.stream().filter(c -> c.getSpec() != null)
        .map(EffectiveClass::of).map(c -> sharedWith(c, before.get(c.name())))
        .sorted(Comparator.comparing(EffectiveClass::name)).toList();
    Map<String, ClassProblem> unavailable = unavailableClasses(effective);
    ClassResolver resolver = new ClassResolver(classes);

    List<TenantPlan> plans = new ArrayList<>();
    List<TenantPlan> unresolved = new ArrayList<>();
    Map<String, EffectiveClass> byName = effective.stream()
        .collect(Collectors.toMap(EffectiveClass::name, Function.identity()));
    for (TenantIngress tenant : tenants) {
      if (tenant.getSpec() == null || tenant.getSpec().hostnames() == null) {
        continue;
      }
      ClassResolver.Resolution resolution = resolver.resolve(tenant);
      EffectiveClass tenantClass = resolution.className() == null ? null : byName.get(resolution.className());
      if (tenantClass == null) {
        unresolved.add(new TenantPlan(tenant, null, resolution.reason(), resolution.message(), List.of()));
      } else {
        TenantPlan admissible = admissible(tenant, tenantClass, unavailable.get(tenantClass.name()), facts);
        plans.add(new TenantPlan(tenant, tenantClass, resolution.reason(), resolution.message(),
            admissible.hostnames()));
      }
    }
    plans = decideOwnership(byAge(plans));
    plans = decideDedicatedNamespaces(plans);
    plans = decideNamespaceObjects(plans);

    Map<String, List<HandWrittenCertificate>> handWrittenIn = handWrittenByNamespace(facts);
    List<ClassPlan> classPlans = new ArrayList<>();
    for (EffectiveClass tenantClass : effective) {
      List<TenantPlan> ofClass = plans.stream().filter(p -> p.tenantClass().name().equals(tenantClass.name()))
          .toList();
      List<String> overCapacity = new ArrayList<>();
      classPlans.add(served(before.get(tenantClass.name()), tenantClass, byRef(assignCapacity(tenantClass, ofClass,
          overCapacity)), unavailable.get(tenantClass.name()), overCapacity, handWrittenIn, facts));
    }
    return new Plan(classPlans, sharedWith(byRef(unresolved), previous.map(Plan::unresolved).orElse(List.of())));
  }

  /**
   * The plan {@link #plan} makes when nothing but the certificates' issuance changed since {@code previous}. Which
   * class a tenant uses, who owns a hostname, what is admitted and where it is placed do not depend on issuance, so
   * only what does is decided again: whether each admitted hostname is served yet, and which hand-written
   * certificates a Gateway keeps serving. A certificate issued a moment after a tenant's objects were written is
   * what a new tenant waits for last; deciding everything again would make it wait for a whole plan.
   */
  public static Plan withIssuance(Plan previous, ObservedFacts facts) {
    Map<String, List<HandWrittenCertificate>> handWrittenIn = handWrittenByNamespace(facts);
    List<ClassPlan> classPlans = new ArrayList<>(previous.classes().size());
    for (ClassPlan earlier : previous.classes()) {
      ClassProblem problem = earlier.available() ? null
          : new ClassProblem(earlier.unavailableReason(), earlier.unavailableMessage());
      List<TenantPlan> undecided = earlier.tenants().stream().map(p -> withHostnames(p, p.hostnames().stream()
          .map(HostnamePlan::beforeIssuance).toList())).toList();
      classPlans.add(served(earlier, earlier.tenantClass(), undecided, problem, earlier.hostnamesOverCapacity(),
          handWrittenIn, facts));
    }
    return new Plan(classPlans, previous.unresolved());
  }

  /** Hand-written Certificates by namespace, once: only a shared class's gateway namespace's concern it. */
  private static Map<String, List<HandWrittenCertificate>> handWrittenByNamespace(ObservedFacts facts) {
    return facts.handWritten().stream().collect(Collectors.groupingBy(c -> c.secret().namespace()));
  }

  /**
   * The class's plan once it is decided which of its admitted hostnames are served yet: readiness by issuance, and
   * the hand-written certificates of its Gateway's namespace that still serve a name.
   *
   * @param decided the class's tenants, sorted by reference, with every other decision made
   */
  private static ClassPlan served(ClassPlan earlier, EffectiveClass tenantClass, List<TenantPlan> decided,
      ClassProblem problem, List<String> overCapacity, Map<String, List<HandWrittenCertificate>> handWrittenIn,
      ObservedFacts facts) {
    List<TenantPlan> ofClass = decided.stream().map(p -> withReadiness(p, facts)).toList();
    List<HandWrittenCertificate> ofGateway = tenantClass.shared()
        ? handWrittenIn.getOrDefault(tenantClass.gatewayNamespace(), List.of()) : List.of();
    List<HandWrittenCertificate> handWritten = handWrittenServed(ofClass, ofGateway);
    if (!ofGateway.isEmpty()) {
      Map<String, HandWrittenCertificate> handWrittenByName = new HashMap<>();
      ofGateway.forEach(c -> c.dnsNames().forEach(name -> handWrittenByName.putIfAbsent(name, c)));
      ofClass = ofClass.stream().map(p -> withHandWrittenNoted(p, handWrittenByName)).toList();
    }
    return classPlan(earlier, tenantClass, ofClass, problem, overCapacity, problem == null ? handWritten : List.of());
  }

  /**
   * The class's plan, or the previous plan's when it decides the same: then its ListenerSet placement is not
   * computed again either.
   */
  private static ClassPlan classPlan(ClassPlan earlier, EffectiveClass tenantClass, List<TenantPlan> tenants,
      ClassProblem problem, List<String> overCapacity, List<HandWrittenCertificate> handWrittenServed) {
    List<TenantPlan> shared = sharedWith(tenants, earlier == null ? List.of() : earlier.tenants());
    String reason = problem == null ? null : problem.reason();
    String message = problem == null ? null : problem.message();
    boolean unchanged = earlier != null && earlier.tenantClass() == tenantClass && earlier.tenants() == shared
        && Objects.equals(earlier.unavailableReason(), reason) && Objects.equals(earlier.unavailableMessage(), message)
        && earlier.hostnamesOverCapacity().equals(overCapacity)
        && earlier.handWrittenServed().equals(handWrittenServed);
    return unchanged ? earlier : new ClassPlan(tenantClass, shared, reason, message, overCapacity, handWrittenServed);
  }

  private static EffectiveClass sharedWith(EffectiveClass next, ClassPlan before) {
    return before != null && before.tenantClass().equals(next) ? before.tenantClass() : next;
  }

  /**
   * {@code next} with each tenant plan that equals one in {@code before} replaced by it, or {@code before} itself
   * when they all do. Both are sorted by {@link TenantPlan#ref()}, so one walk pairs them.
   */
  private static List<TenantPlan> sharedWith(List<TenantPlan> next, List<TenantPlan> before) {
    if (before.isEmpty()) {
      return next;
    }
    List<TenantPlan> shared = new ArrayList<>(next.size());
    boolean all = next.size() == before.size();
    int j = 0;
    for (TenantPlan plan : next) {
      TenantRef ref = plan.ref();
      while (j < before.size() && before.get(j).ref().compareTo(ref) < 0) {
        j++;
      }
      boolean same = j < before.size() && before.get(j).equals(plan);
      shared.add(same ? before.get(j) : plan);
      all &= same;
    }
    return all ? before : Collections.unmodifiableList(shared);
  }

  /** Shared classes may not share a gateway namespace: the older class keeps it. */
  private record ClassProblem(String reason, String message) {
  }

  private static Map<String, ClassProblem> unavailableClasses(List<EffectiveClass> classes) {
    Map<String, ClassProblem> unavailable = new HashMap<>();
    Map<String, EffectiveClass> holders = new HashMap<>();
    classes.stream().filter(EffectiveClass::shared)
        .sorted(Comparator.comparing(EffectiveClass::created).thenComparing(EffectiveClass::name))
        .forEach(c -> {
          EffectiveClass holder = holders.putIfAbsent(c.gatewayNamespace(), c);
          if (holder != null) {
            unavailable.put(c.name(), new ClassProblem(PlanReasons.GATEWAY_NAMESPACE_IN_USE, "gateway namespace "
                + c.gatewayNamespace() + " already holds the Gateway of the older TenantIngressClass "
                + holder.name() + "; give this class a gateway.namespace of its own"));
          }
        });
    return unavailable;
  }

  /**
   * The checks that need no other tenant: class availability, the class's namespace selector, hostname policy,
   * wildcards with HTTP-01.
   */
  private static TenantPlan admissible(TenantIngress tenant, EffectiveClass tenantClass, ClassProblem classProblem,
      ObservedFacts facts) {
    String namespace = tenant.getMetadata().getNamespace();
    List<HostnamePlan> hostnames = new ArrayList<>();
    boolean external = tenant.getSpec().tls() != null && tenant.getSpec().tls().mode() == TlsMode.External;
    for (String hostname : tenant.getSpec().hostnames()) {
      HostnamePlan plan;
      if (classProblem != null) {
        plan = denied(hostname, HostnameReasons.CLASS_UNAVAILABLE, "TenantIngressClass " + tenantClass.name()
            + " cannot be rendered: " + classProblem.message());
      } else if (tenantClass.namespaceSelector() != null
          && !NamespaceSelectorMatcher.matches(tenantClass.namespaceSelector(), facts.labelsOf(namespace))) {
        plan = denied(hostname, HostnameReasons.NAMESPACE_NOT_SELECTED, "TenantIngressClass " + tenantClass.name()
            + " serves only namespaces whose labels match " + NamespaceSelectorMatcher.describe(
            tenantClass.namespaceSelector()) + ", and namespace " + namespace + " does not; use the class meant "
            + "for this namespace");
      } else if (!HostnamePolicyMatcher.allows(tenantClass.allowedHostnames(), namespace, hostname)) {
        plan = denied(hostname, HostnameReasons.NOT_ALLOWED_BY_POLICY, "TenantIngressClass " + tenantClass.name()
            + " lets namespace " + namespace + " claim only " + String.join(", ", tenantClass.allowedHostnames())
            + " ({namespace} = " + namespace + ")");
      } else if (hostname.startsWith("*.") && !external && tenantClass.solvesHttp01()) {
        plan = denied(hostname, HostnameReasons.WILDCARD_NEEDS_DNS01, "TenantIngressClass " + tenantClass.name()
            + " issues certificates with ACME HTTP-01, which cannot validate a wildcard; use a class with a "
            + "DNS-01 solver, or tls.mode External with your own certificate");
      } else {
        plan = HostnamePlan.awaitingCertificate(hostname, secretFor(tenant, tenantClass, hostname, external));
      }
      hostnames.add(plan);
    }
    return new TenantPlan(tenant, tenantClass, null, null, hostnames);
  }

  private static SecretRef secretFor(TenantIngress tenant, EffectiveClass tenantClass, String hostname,
      boolean external) {
    String namespace = tenant.getMetadata().getNamespace();
    if (external) {
      return new SecretRef(namespace, tenant.getSpec().tls().secretName());
    }
    if (tenantClass.usesListenerSets()) {
      return new SecretRef(namespace, ResourceNames.tenantCertificateName(hostname));
    }
    return tenantClass.shared()
        ? new SecretRef(tenantClass.gatewayNamespace(), ResourceNames.sharedCertificateName(namespace, hostname))
        : new SecretRef(namespace, ResourceNames.dedicatedCertificateName(namespace));
  }

  /**
   * The oldest admissible claim of a hostname owns it, and so does the oldest of two claims of different
   * namespaces where one covers the other: a wildcard reaches every name below it on a listener or a route, so
   * {@code *.example.com} and {@code shop.example.com} (or {@code *.shop.example.com}) cannot belong to two
   * namespaces, in either order, whatever their classes or TLS modes. Two hostnames of one namespace that would name
   * the same objects ({@code *.x} and {@code wildcard.x}) are decided the same way.
   */
  private static List<TenantPlan> decideOwnership(List<TenantPlan> byAge) {
    Map<String, TenantRef> owners = new HashMap<>();
    WildcardCoverage coverage = new WildcardCoverage();
    Map<String, String> segmentOwners = new HashMap<>();
    List<TenantPlan> decided = new ArrayList<>();
    for (TenantPlan plan : byAge) {
      List<HostnamePlan> hostnames = new ArrayList<>();
      for (HostnamePlan hostname : plan.hostnames()) {
        if (!hostname.admitted()) {
          hostnames.add(hostname);
          continue;
        }
        TenantRef owner = owners.putIfAbsent(hostname.hostname(), plan.ref());
        Optional<WildcardCoverage.Claim> overlapping = owner == null
            ? coverage.overlapping(hostname.hostname(), plan.namespace()) : Optional.empty();
        String segmentKey = plan.namespace() + "/" + ResourceNames.hostnameSegment(hostname.hostname());
        String segmentOwner = owner == null && overlapping.isEmpty()
            ? segmentOwners.putIfAbsent(segmentKey, hostname.hostname()) : null;
        if (owner != null) {
          hostnames.add(hostname.withState(HostnameState.Conflict, HostnameReasons.CLAIMED_BY_OLDER_TENANT,
              "TenantIngress " + owner + " claimed " + hostname.hostname() + " first; remove it here or there"));
        } else if (overlapping.isPresent()) {
          owners.remove(hostname.hostname());
          WildcardCoverage.Claim older = overlapping.get();
          hostnames.add(hostname.withState(HostnameState.Conflict, HostnameReasons.CLAIMED_BY_OLDER_TENANT,
              "TenantIngress " + older.owner() + " claimed " + older.hostname() + " first, which "
                  + (older.hostname().startsWith("*.") ? "covers " + hostname.hostname()
                  : hostname.hostname() + " would cover") + "; hostnames of two namespaces may not overlap"));
        } else if (segmentOwner != null && !segmentOwner.equals(hostname.hostname())) {
          owners.remove(hostname.hostname());
          hostnames.add(hostname.withState(HostnameState.Conflict, HostnameReasons.CLAIMED_BY_OLDER_TENANT,
              "namespace " + plan.namespace() + " already serves " + segmentOwner + ", whose objects would have "
                  + "the same names; drop one of the two"));
        } else {
          coverage.add(hostname.hostname(), plan.ref());
          hostnames.add(hostname);
        }
      }
      decided.add(withHostnames(plan, hostnames));
    }
    return decided;
  }

  /**
   * What a class renders once in each tenant namespace (a ListenerSet layout's ListenerSets and ACME Issuer, a
   * Dedicated layout's Gateway and Issuer) is named after the class's settings, not after the class: two classes
   * with the same Gateway or issuer name would write, and fight over, the same object in a namespace that uses
   * both. The namespace's oldest TenantIngress decides which class holds such a name; a younger one of another
   * class that needs it has its hostnames denied, and nothing is rendered twice.
   */
  private static List<TenantPlan> decideNamespaceObjects(List<TenantPlan> byAge) {
    Map<String, String> holders = new HashMap<>();
    List<TenantPlan> decided = new ArrayList<>();
    for (TenantPlan plan : byAge) {
      List<String> names = namespaceObjectNames(plan.tenantClass(), plan.namespace());
      String className = plan.tenantClass().name();
      Optional<String> taken = plan.admitted().isEmpty() ? Optional.empty() : names.stream()
          .filter(n -> holders.containsKey(n) && !holders.get(n).equals(className)).findFirst();
      if (taken.isEmpty()) {
        if (!plan.admitted().isEmpty()) {
          names.forEach(n -> holders.putIfAbsent(n, className));
        }
        decided.add(plan);
        continue;
      }
      String holder = holders.get(taken.get());
      decided.add(withHostnames(plan, plan.hostnames().stream().map(h -> h.admitted()
          ? h.withState(HostnameState.Denied, HostnameReasons.NAMESPACE_OBJECT_OF_ANOTHER_CLASS, "TenantIngressClass "
              + className + " would write " + taken.get().substring(taken.get().indexOf('/') + 1).replace('/', ' ')
              + ", which TenantIngressClass " + holder + " already writes for this namespace; use that class here, "
              + "or give the classes different gateway and issuer names")
          : h).toList()));
    }
    return decided;
  }

  /**
   * The names a class writes once per tenant namespace, as {@code namespace/Kind/name}. A ListenerSet's name
   * is kept without a trailing {@code -<n>}: the spill ListenerSets of Gateway {@code x} are {@code x-2},
   * {@code x-3}, ... and must not meet another class's Gateway named {@code x-2}.
   */
  private static List<String> namespaceObjectNames(EffectiveClass tenantClass, String namespace) {
    List<String> names = new ArrayList<>();
    if (tenantClass.usesListenerSets()) {
      names.add(namespace + "/ListenerSet/" + ListenerSetPlacement.listenerSetName(
          SPILL_SUFFIX.matcher(tenantClass.gatewayName()).replaceAll(""), 0));
    }
    if (!tenantClass.shared()) {
      names.add(namespace + "/Gateway/" + ResourceNames.dedicatedGatewayName(namespace));
    }
    if (tenantClass.acme() != null && (!tenantClass.shared() || tenantClass.usesListenerSets())) {
      names.add(namespace + "/Issuer/" + tenantClass.issuerName());
    }
    return names;
  }

  /** A namespace holds one dedicated Gateway: the class of its oldest Dedicated TenantIngress. */
  private static List<TenantPlan> decideDedicatedNamespaces(List<TenantPlan> byAge) {
    Map<String, String> dedicatedClassOfNamespace = new HashMap<>();
    List<TenantPlan> decided = new ArrayList<>();
    for (TenantPlan plan : byAge) {
      if (plan.tenantClass().shared()) {
        decided.add(plan);
        continue;
      }
      String holder = dedicatedClassOfNamespace.putIfAbsent(plan.namespace(), plan.tenantClass().name());
      if (holder == null || holder.equals(plan.tenantClass().name())) {
        decided.add(plan);
        continue;
      }
      decided.add(withHostnames(plan, plan.hostnames().stream().map(h -> h.admitted()
          ? h.withState(HostnameState.Denied, HostnameReasons.NAMESPACE_HAS_DEDICATED_GATEWAY, "namespace "
              + plan.namespace() + " already has the dedicated Gateway of TenantIngressClass " + holder
              + "; use that class here")
          : h).toList()));
    }
    return decided;
  }

  /**
   * Each Gateway's https listener holds at most {@value #MAX_CERTIFICATE_REFS} Secrets: the oldest tenants'
   * hostnames get them, so a new tenant can never push out one that is already served.
   */
  private static List<TenantPlan> assignCapacity(EffectiveClass tenantClass, List<TenantPlan> ofClass,
      List<String> overCapacity) {
    if (tenantClass.usesListenerSets()) {
      // ListenerSets take any number of hostnames: a namespace's spill into further ones (ListenerSetPlacement).
      return ofClass;
    }
    Map<String, Set<SecretRef>> refsPerGateway = new HashMap<>();
    List<TenantPlan> assigned = new ArrayList<>();
    for (TenantPlan plan : byAge(ofClass)) {
      Set<SecretRef> refs = refsPerGateway.computeIfAbsent(
          tenantClass.shared() ? "" : plan.namespace(), k -> new HashSet<>());
      List<HostnamePlan> hostnames = new ArrayList<>();
      for (HostnamePlan hostname : plan.hostnames()) {
        if (!hostname.admitted() || refs.contains(hostname.secret()) || refs.size() < MAX_CERTIFICATE_REFS) {
          if (hostname.admitted()) {
            refs.add(hostname.secret());
          }
          hostnames.add(hostname);
        } else {
          overCapacity.add(hostname.hostname());
          hostnames.add(hostname.withState(HostnameState.Denied, HostnameReasons.LISTENER_FULL, "the https "
              + "listener of this class's Gateway already holds the maximum of " + MAX_CERTIFICATE_REFS
              + " certificates (a Gateway API limit); older tenants keep theirs"));
        }
      }
      assigned.add(withHostnames(plan, hostnames));
    }
    return assigned;
  }

  /**
   * A managed hostname is Ready once cert-manager has issued its certificate. An External TLS hostname is listed at
   * once: its Secret is the tenant's, the operator cannot read it, and Envoy Gateway says whether it is usable
   * (the listener's ResolvedRefs names each invalid Secret, and a partly invalid listener still serves the
   * valid ones), which the tenant's status reports on that tenant alone.
   */
  private static TenantPlan withReadiness(TenantPlan plan, ObservedFacts facts) {
    return withHostnames(plan, plan.hostnames().stream().map(h -> {
      if (!h.admitted()) {
        return h;
      }
      if (plan.externalTls()) {
        return h.withState(HostnameState.Ready, HostnameReasons.SERVED, "served with your certificate in Secret "
            + h.secret().namespace() + "/" + h.secret().name());
      }
      if (facts.issued(h.secret())) {
        return h.withState(HostnameState.Ready, HostnameReasons.SERVED, "served with the certificate in Secret "
            + h.secret().namespace() + "/" + h.secret().name());
      }
      SecretRef previous = previousLayoutSecret(plan, h.hostname());
      if (previous != null && facts.issued(previous)) {
        return h.bridgedBy(previous);
      }
      return h.withState(HostnameState.Pending, HostnameReasons.CERTIFICATE_PENDING, "cert-manager has not issued "
          + "the certificate into Secret " + h.secret().namespace() + "/" + h.secret().name() + " yet");
    }).toList());
  }

  /**
   * A managed hostname of a shared class that moves between its Gateway and ListenerSet layouts: where its
   * certificate was before, so that it stays served there until the new one is issued.
   */
  private static SecretRef previousLayoutSecret(TenantPlan plan, String hostname) {
    EffectiveClass tenantClass = plan.tenantClass();
    if (!tenantClass.shared() || plan.externalTls()) {
      return null;
    }
    return tenantClass.usesListenerSets()
        ? new SecretRef(tenantClass.gatewayNamespace(), ResourceNames.sharedCertificateName(plan.namespace(), hostname))
        : new SecretRef(plan.namespace(), ResourceNames.tenantCertificateName(hostname));
  }

  /**
   * The hand-written Certificates of a shared class's gateway namespace that cover a name no hostname of the class
   * is served with a certificate of its own: those stay on the Gateway, so that taking a cluster over from the
   * walkthrough, or a tenant leaving, never leaves a name without its certificate.
   */
  private static List<HandWrittenCertificate> handWrittenServed(List<TenantPlan> tenants,
      List<HandWrittenCertificate> ofGateway) {
    if (ofGateway.isEmpty()) {
      return List.of();
    }
    Set<String> served = new HashSet<>();
    tenants.forEach(t -> t.admitted().stream().filter(HostnamePlan::servedInPlace)
        .forEach(h -> served.add(h.hostname())));
    return ofGateway.stream().filter(c -> c.dnsNames().stream().anyMatch(name -> !served.contains(name)))
        .sorted(Comparator.comparing(c -> c.secret().name())).toList();
  }

  /**
   * A hostname a hand-written Certificate of its Gateway's namespace also covers says so: served by it meanwhile,
   * or redundant now.
   */
  private static TenantPlan withHandWrittenNoted(TenantPlan plan, Map<String, HandWrittenCertificate> byName) {
    return withHostnames(plan, plan.hostnames().stream().map(h -> {
      HandWrittenCertificate covering = h.admitted() ? byName.get(h.hostname()) : null;
      if (covering == null) {
        return h;
      }
      String certificate = covering.secret().namespace() + "/" + covering.secret().name();
      return h.withNote(h.servedInPlace()
          ? "the hand-written certificate in Secret " + certificate + " also covers it: delete its Certificate "
              + "once no other name needs it"
          : "meanwhile the Gateway serves it with the hand-written certificate in Secret " + certificate);
    }).toList());
  }

  /**
   * Oldest first (creationTimestamp, then namespace/name); each sort key made once, not once per comparison:
   * tenants created in the same second, as thousands are, are told apart by their names.
   */
  private static List<TenantPlan> byAge(List<TenantPlan> plans) {
    record Aged(Instant created, TenantRef ref, TenantPlan plan) {
    }
    return plans.stream().map(p -> new Aged(p.created(), p.ref(), p))
        .sorted(Comparator.comparing(Aged::created).thenComparing(Aged::ref)).map(Aged::plan).toList();
  }

  /** Sorted by reference (namespace, then name), each reference made once rather than once per comparison. */
  private static List<TenantPlan> byRef(List<TenantPlan> plans) {
    record Keyed(TenantRef ref, TenantPlan plan) {
    }
    return plans.stream().map(p -> new Keyed(p.ref(), p)).sorted(Comparator.comparing(Keyed::ref))
        .map(Keyed::plan).toList();
  }

  private static HostnamePlan denied(String hostname, String reason, String message) {
    return new HostnamePlan(hostname, HostnameState.Denied, reason, message, null);
  }

  private static TenantPlan withHostnames(TenantPlan plan, List<HostnamePlan> hostnames) {
    return new TenantPlan(plan.tenant(), plan.tenantClass(), plan.classProblemReason(), plan.classProblemMessage(),
        hostnames);
  }
}
