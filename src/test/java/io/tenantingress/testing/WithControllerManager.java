package io.tenantingress.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class needs garbage collection of ownerReferences or namespaces that finish deleting, which a bare
 * kube-apiserver does not do: {@link KubernetesExtension} starts kube-controller-manager for it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WithControllerManager {}
