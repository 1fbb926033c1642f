package io.aisle.serving.events;

import io.aisle.serving.tenancy.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated storefront interaction of one tenant's user.
 *
 * @param recommendationId the recommendation response that led to it, when the storefront names one
 */
public record InteractionEvent(TenantId tenant, String user, String item, EventType type, Instant timestamp,
        Optional<String> order, Optional<String> recommendationId) {

    public InteractionEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(recommendationId, "recommendationId");
    }

    /** An event that names no recommendation. */
    public InteractionEvent(TenantId tenant, String user, String item, EventType type, Instant timestamp, Optional<String> order) {
        this(tenant, user, item, type, timestamp, order, Optional.empty());
    }

    /** The bus key: events of one user stay in order on one partition. */
    public String partitionKey() {
        return tenant.value() + ":" + user;
    }
}
