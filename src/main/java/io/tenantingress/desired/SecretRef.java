package io.tenantingress.desired;

/** A Secret by namespace and name. */
public record SecretRef(String namespace, String name) {
}
