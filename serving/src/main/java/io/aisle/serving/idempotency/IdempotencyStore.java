package io.aisle.serving.idempotency;

import io.aisle.serving.tenancy.TenantId;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Remembers, per tenant and key, which request claimed the key and what it answered. A claim that is never
 * completed or released (its replica died) lapses after {@link #PENDING_TTL}; an answer is kept for
 * {@link #REPLY_TTL}.
 */
public interface IdempotencyStore {

    /** Long enough for any write to finish; short enough that a retry after a crash is not refused for long. */
    Duration PENDING_TTL = Duration.ofSeconds(60);

    /** How long a retry still gets the first answer (as Stripe's API keeps its keys). */
    Duration REPLY_TTL = Duration.ofHours(24);

    /**
     * Claims {@code key} for the request with {@code fingerprint}, atomically: of two requests at once,
     * exactly one gets {@link Claim.First}.
     */
    Mono<Claim> claim(TenantId tenant, String key, String fingerprint);

    /** Keeps the answer of the request that claimed the key. */
    Mono<Void> complete(TenantId tenant, String key, String fingerprint, StoredReply reply);

    /** Frees a claim whose request failed, so that a retry runs again. */
    Mono<Void> release(TenantId tenant, String key, String fingerprint);
}
