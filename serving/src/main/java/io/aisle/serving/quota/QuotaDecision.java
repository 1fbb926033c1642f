package io.aisle.serving.quota;

import java.time.Duration;

/** Whether a request fits the quota, and when to retry if not. */
public record QuotaDecision(boolean allowed, Duration retryAfter) {

    public static final QuotaDecision ALLOWED = new QuotaDecision(true, Duration.ZERO);

    public static QuotaDecision rejected(Duration retryAfter) {
        return new QuotaDecision(false, retryAfter);
    }
}
