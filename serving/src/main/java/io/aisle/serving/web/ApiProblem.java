package io.aisle.serving.web;

import java.time.Duration;
import java.util.Optional;

/**
 * An expected rejection, thrown by handlers and filters and rendered by {@link ProblemResponses}.
 * No stack trace is filled in: these are outcomes, not bugs.
 */
public final class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final Optional<Duration> retryAfter;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, Optional.empty());
    }

    public ApiProblem(ProblemType type, String detail, Optional<Duration> retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public static ApiProblem invalid(String detail) {
        return new ApiProblem(ProblemType.INVALID_REQUEST, detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemType.NOT_FOUND, detail);
    }
}
