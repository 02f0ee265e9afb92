package io.tenantingress.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * The test class reads verdicts of Envoy Gateway and cert-manager: {@link KubernetesExtension} runs the real
 * controllers beside the API server ({@link io.tenantingress.sandbox.RealControllers}). Such classes run in their
 * own Failsafe execution (tag {@value #TAG}), on an API server of their own, because the real controllers act on
 * every Gateway and Certificate of the API server they watch.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@Tag(WithRealControllers.TAG)
public @interface WithRealControllers {
  String TAG = "real-controllers";
}
