package io.aisle.serving.recommendations;

/** The model that answers one request, with the version and variant the response names. */
public record ModelChoice<T>(String variant, String version, T model) {
}
