package io.aisle.serving.idempotency;

import io.aisle.serving.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * The embedded {@link IdempotencyStore}: one replica's memory. Expired keys are swept every
 * {@value #SWEEP_EVERY} claims. Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private static final int SWEEP_EVERY = 4096;

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong claims = new AtomicLong();

    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    private record Entry(String fingerprint, Optional<StoredReply> reply, Instant expires) {
    }

    @Override
    public Mono<Claim> claim(TenantId tenant, String key, String fingerprint) {
        return Mono.fromSupplier(() -> {
            Instant now = clock.instant();
            if (claims.incrementAndGet() % SWEEP_EVERY == 0) {
                entries.values().removeIf(entry -> !entry.expires().isAfter(now));
            }
            Claim[] outcome = new Claim[1];
            entries.compute(id(tenant, key), (id, entry) -> {
                if (entry == null || !entry.expires().isAfter(now)) {
                    outcome[0] = new Claim.First();
                    return new Entry(fingerprint, Optional.empty(), now.plus(PENDING_TTL));
                }
                outcome[0] = !entry.fingerprint().equals(fingerprint) ? new Claim.KeyReused()
                        : entry.reply().<Claim>map(Claim.Replay::new).orElseGet(Claim.InFlight::new);
                return entry;
            });
            return outcome[0];
        });
    }

    @Override
    public Mono<Void> complete(TenantId tenant, String key, String fingerprint, StoredReply reply) {
        return Mono.fromRunnable(() -> entries.put(id(tenant, key),
                new Entry(fingerprint, Optional.of(reply), clock.instant().plus(REPLY_TTL))));
    }

    @Override
    public Mono<Void> release(TenantId tenant, String key, String fingerprint) {
        return Mono.fromRunnable(() -> entries.computeIfPresent(id(tenant, key),
                (id, entry) -> entry.fingerprint().equals(fingerprint) && entry.reply().isEmpty() ? null : entry));
    }

    private static String id(TenantId tenant, String key) {
        return tenant.value() + '\n' + key;
    }
}
