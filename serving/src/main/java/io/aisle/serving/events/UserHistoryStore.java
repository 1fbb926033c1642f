package io.aisle.serving.events;

import io.aisle.serving.tenancy.TenantId;
import java.util.List;
import reactor.core.publisher.Mono;

/** Per-user recent history, scoped by tenant. */
public interface UserHistoryStore {

    /** Applies events of one tenant in order; idempotent for a purchase applied twice. */
    Mono<Void> apply(List<InteractionEvent> events);

    /** The user's history, {@link UserHistory#EMPTY} for a user never seen. */
    Mono<UserHistory> find(TenantId tenant, String user);
}
