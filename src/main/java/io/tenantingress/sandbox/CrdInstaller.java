package io.tenantingress.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantingress.api.OperatorCrds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installs CRD YAML files with server-side apply and waits until the API server serves them. */
public final class CrdInstaller {

  private static final Logger log = LoggerFactory.getLogger(CrdInstaller.class);
  static final String FIELD_MANAGER = "tenant-ingress-sandbox";
  private static final Duration ESTABLISHED_TIMEOUT = Duration.ofSeconds(60);

  private final KubernetesClient client;

  public CrdInstaller(KubernetesClient client) {
    this.client = client;
  }

  /** Every {@code *.yaml} below the given folder, in name order. */
  public List<CustomResourceDefinition> installAll(Path folder) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list CRDs in " + folder, e);
    }
    List<CustomResourceDefinition> applied = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        applied.add(apply(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read CRD " + file, e);
      }
    }
    return awaitEstablished(applied, folder.toString());
  }

  /** The operator's own CRDs, as the build generated them from the Java types. */
  public List<CustomResourceDefinition> installOperatorCrds() {
    List<CustomResourceDefinition> applied = new ArrayList<>();
    for (String resource : OperatorCrds.RESOURCES) {
      try (InputStream in = CrdInstaller.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is not on the classpath: build with ./mvnw, which generates it");
        }
        applied.add(apply(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read CRD " + resource, e);
      }
    }
    return awaitEstablished(applied, "the operator's classpath");
  }

  private List<CustomResourceDefinition> awaitEstablished(List<CustomResourceDefinition> applied, String source) {
    applied.forEach(this::awaitEstablished);
    log.info("installed {} CRDs from {}", applied.size(), source);
    return applied;
  }

  private CustomResourceDefinition apply(InputStream yaml) {
    return apply(client.apiextensions().v1().customResourceDefinitions().load(yaml).item());
  }

  private CustomResourceDefinition apply(CustomResourceDefinition crd) {
    crd.getMetadata().setManagedFields(null);
    return client.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private void awaitEstablished(CustomResourceDefinition crd) {
    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream()
                .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
            ESTABLISHED_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
