package io.tenantingress.cli;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tenantingress.api.v1alpha1.TenantIngress;
import io.tenantingress.api.v1alpha1.TenantIngressClass;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads TenantIngressClasses, TenantIngresses and, as observed facts, cert-manager Certificates (their
 * status says whether they are issued) and Namespaces (their labels, for classes' namespace
 * selectors) from YAML or JSON manifests, one or more documents per file, the way
 * {@code kubectl apply -f} takes them. Objects of other kinds (the Deployments and Services beside them in a
 * GitOps folder) are passed over and listed in {@link Manifests#ignored()}.
 */
public final class ManifestReader {

  /** What the manifests held, by kind. */
  public record Manifests(List<TenantIngressClass> classes, List<TenantIngress> tenants, List<Certificate> certificates,
      List<Namespace> namespaces, List<String> ignored) {
  }

  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "tenantingress.io/v1alpha1/TenantIngressClass", TenantIngressClass.class,
      "tenantingress.io/v1alpha1/TenantIngress", TenantIngress.class,
      "cert-manager.io/v1/Certificate", Certificate.class,
      "v1/Namespace", Namespace.class);

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final List<TenantIngressClass> classes = new ArrayList<>();
  private final List<TenantIngress> tenants = new ArrayList<>();
  private final List<Certificate> certificates = new ArrayList<>();
  private final List<Namespace> namespaces = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();

  /** Adds every document of one manifest. */
  public ManifestReader read(InputStream manifest, String source) {
    Object parsed = serialization.unmarshal(manifest);
    List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
    for (Object document : documents) {
      if (document == null) {
        continue;
      }
      if (!(document instanceof HasMetadata object)) {
        throw new IllegalArgumentException(source + ": not a Kubernetes object: " + document);
      }
      String key = object.getApiVersion() + "/" + object.getKind();
      Class<? extends HasMetadata> type = KINDS.get(key);
      if (type == null) {
        ignored.add(source + ": " + object.getKind() + " " + object.getMetadata().getName());
        continue;
      }
      HasMetadata typed = serialization.convertValue(asGeneric(object), type);
      if (typed instanceof TenantIngressClass c) {
        classes.add(c);
      } else if (typed instanceof TenantIngress t) {
        tenants.add(t);
      } else if (typed instanceof Namespace n) {
        namespaces.add(n);
      } else {
        certificates.add((Certificate) typed);
      }
    }
    return this;
  }

  public Manifests manifests() {
    return new Manifests(List.copyOf(classes), List.copyOf(tenants), List.copyOf(certificates), List.copyOf(namespaces),
        List.copyOf(ignored));
  }

  private KubernetesResource asGeneric(HasMetadata object) {
    return object instanceof GenericKubernetesResource ? object
        : serialization.convertValue(object, GenericKubernetesResource.class);
  }
}
