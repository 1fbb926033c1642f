package io.aisle.serving.redis;

import io.aisle.serving.idempotency.Claim;
import io.aisle.serving.idempotency.IdempotencyStore;
import io.aisle.serving.idempotency.StoredReply;
import io.aisle.serving.tenancy.TenantId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Idempotency keys shared by every replica, so a retry that the load balancer sends elsewhere gets the first
 * answer: {@code t:{tenant}:idem:{key}} holds {@code P:{fingerprint}} while the first request runs
 * ({@code SET NX}, {@link #PENDING_TTL}), then {@code D:{fingerprint}:{status}:{base64 body}} for
 * {@link #REPLY_TTL}. While Redis is down each replica keeps keys itself (the fallback): a retry to the same
 * replica is still answered once.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(RedisIdempotencyStore.class);
    /** Deletes the key only while it still holds this request's pending claim. */
    private static final String RELEASE_PENDING = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

    private final RedisConnections redis;
    private final IdempotencyStore fallback;

    public RedisIdempotencyStore(RedisConnections redis, IdempotencyStore fallback) {
        this.redis = redis;
        this.fallback = fallback;
    }

    @Override
    public Mono<Claim> claim(TenantId tenant, String key, String fingerprint) {
        String id = id(tenant, key);
        return redis.strings().reactive()
                .set(id, "P:" + fingerprint, SetArgs.Builder.nx().px(PENDING_TTL))
                .map(ok -> (Claim) new Claim.First())
                .switchIfEmpty(Mono.defer(() -> redis.strings().reactive().get(id)
                        .map(held -> decode(held, fingerprint))
                        // The holder lapsed between SET and GET: let the client retry rather than race again.
                        .defaultIfEmpty(new Claim.InFlight())))
                .timeout(RedisConnections.COMMAND_TIMEOUT.multipliedBy(2))
                .onErrorResume(failure -> {
                    log.debug("idempotency keys fall back to memory: {}", failure.toString());
                    return fallback.claim(tenant, key, fingerprint);
                });
    }

    @Override
    public Mono<Void> complete(TenantId tenant, String key, String fingerprint, StoredReply reply) {
        String value = "D:" + fingerprint + ":" + reply.status() + ":" + Base64.getEncoder().encodeToString(reply.json());
        return redis.strings().reactive().set(id(tenant, key), value, SetArgs.Builder.px(REPLY_TTL))
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .then()
                .onErrorResume(failure -> fallback.complete(tenant, key, fingerprint, reply));
    }

    @Override
    public Mono<Void> release(TenantId tenant, String key, String fingerprint) {
        return redis.strings().reactive()
                .<Long>eval(RELEASE_PENDING, ScriptOutputType.INTEGER, new String[] {id(tenant, key)}, "P:" + fingerprint)
                .timeout(RedisConnections.COMMAND_TIMEOUT)
                .then()
                .onErrorResume(failure -> fallback.release(tenant, key, fingerprint));
    }

    private static Claim decode(String held, String fingerprint) {
        String[] parts = held.split(":", 4);
        if (!parts[1].equals(fingerprint)) {
            return new Claim.KeyReused();
        }
        if (parts[0].equals("P")) {
            return new Claim.InFlight();
        }
        return new Claim.Replay(new StoredReply(Integer.parseInt(parts[2]), Base64.getDecoder().decode(parts[3])));
    }

    private static String id(TenantId tenant, String key) {
        return RedisConnections.key(tenant.value(), "idem:" + key);
    }
}
