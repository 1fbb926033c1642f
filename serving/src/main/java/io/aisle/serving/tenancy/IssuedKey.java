package io.aisle.serving.tenancy;

/** A freshly created key with its secret: the only time the secret is ever shown. */
public record IssuedKey(ApiKey key, String secret) {
}
