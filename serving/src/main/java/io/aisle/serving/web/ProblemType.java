package io.aisle.serving.web;

import org.springframework.http.HttpStatus;

/**
 * The stable problem types of the API. Clients match on {@link #uri()}; titles are for people.
 */
public enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "The request is invalid"),
    MALFORMED_BODY(HttpStatus.BAD_REQUEST, "malformed-body", "The request body is not valid JSON of the expected shape"),
    UNSIGNED(HttpStatus.UNAUTHORIZED, "unsigned", "The request is not signed"),
    BAD_SIGNATURE(HttpStatus.UNAUTHORIZED, "bad-signature", "The request signature does not verify"),
    EXPIRED(HttpStatus.UNAUTHORIZED, "expired", "The request date is too far from the server's clock"),
    REPLAYED(HttpStatus.UNAUTHORIZED, "replayed", "This signed request was seen before"),
    FORBIDDEN_ROLE(HttpStatus.FORBIDDEN, "forbidden-role", "The key lacks the role this endpoint needs"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "No such resource"),
    CONFLICT(HttpStatus.CONFLICT, "conflict", "The request conflicts with the resource's current state"),
    IDEMPOTENCY_IN_FLIGHT(HttpStatus.CONFLICT, "idempotency-in-flight", "A request with this Idempotency-Key is still running"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
            "This Idempotency-Key was used for a different request"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "The method is not allowed here"),
    TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "too-large", "The request is too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "The body must be application/json"),
    OVER_QUOTA(HttpStatus.TOO_MANY_REQUESTS, "over-quota", "The tenant's request quota is used up"),
    OVER_CONCURRENCY(HttpStatus.TOO_MANY_REQUESTS, "over-concurrency", "The tenant has too many requests in flight"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "A dependency is down and nothing else can answer"),
    WAREHOUSE_OWNED_ELSEWHERE(HttpStatus.SERVICE_UNAVAILABLE, "warehouse-owned-elsewhere",
            "The warehouse is moving to another server or its owner did not answer in time"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "The server failed to answer");

    private static final String BASE = "https://aisle.io/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;

    ProblemType(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }
}
