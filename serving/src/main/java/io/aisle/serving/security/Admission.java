package io.aisle.serving.security;

import java.time.Duration;

/** What the gate decided for a verified request: let it in, over its quota (retry after), or a replay. */
public record Admission(Verdict verdict, Duration retryAfter) {

    public enum Verdict { ADMITTED, OVER_QUOTA, REPLAYED }

    public static final Admission ADMITTED = new Admission(Verdict.ADMITTED, Duration.ZERO);
    public static final Admission REPLAYED = new Admission(Verdict.REPLAYED, Duration.ZERO);

    public static Admission overQuota(Duration retryAfter) {
        return new Admission(Verdict.OVER_QUOTA, retryAfter);
    }
}
