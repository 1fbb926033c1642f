package io.aisle.serving.redis;

import io.aisle.serving.security.Admission;
import io.aisle.serving.security.RequestAdmission;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Quota buckets and replay nonces shared by every replica, in one round trip per request, answered on Lettuce's I/O
 * thread with no hand-off. The bucket is the hash {@code t:{tenant}:quota:{role}} ({@code tokens}, {@code at} in
 * milliseconds of Redis's own clock, so replicas' clocks do not matter), refilled greedily at {@code ratePerSecond}
 * up to {@code burst}; the nonce {@code t:{tenant}:nonce:{signature}} is set only when a token was taken.
 *
 * <p>A replica takes tokens from the shared bucket a lease at a time ({@link #leaseSize}: one for small quotas,
 * up to {@value #MAX_LEASE} for large ones) and spends them locally for {@link #LEASE_LIFETIME}; what it has not spent
 * by then is dropped, never returned, so the replicas together never admit more than the bucket holds. A request
 * that finds a token in its replica's lease costs one native {@code SET NX PX} of its nonce; only the request that
 * takes a new lease runs the script (tokens and nonce together). A script call costs Redis several times a native
 * command (the Lua call and the script's text), which at thousands of requests a second was the largest cost of a
 * request in Redis mode.
 *
 * <p>While Redis does not answer, the replica admits from its own buckets and nonces (the fallback): a tenant then
 * cannot exceed its quota on any one node, and a replay to the same node is still refused.
 */
public final class RedisRequestAdmission implements RequestAdmission {

    private static final Logger log = LoggerFactory.getLogger(RedisRequestAdmission.class);

    static final int MAX_LEASE = 100;
    static final Duration LEASE_LIFETIME = Duration.ofSeconds(1);

    /**
     * The nonce's part of both scripts. The nonce holds {@code {replica}:{repeats}}: the replica that took the
     * signature last and how often it came again. A retry-safe request (ARGV[3] = 1) coming to another replica than
     * that one takes the nonce over, at most ARGV[4] times. Sets {@code admitted} to 1, or 2 for a replay.
     */
    private static final String NONCE = """
            local admitted = 2
            local prior = redis.call('GET', KEYS[2])
            if not prior then
              redis.call('SET', KEYS[2], ARGV[2] .. ':0', 'PX', ARGV[1])
              admitted = 1
            elseif ARGV[3] == '1' then
              local colon = string.find(prior, ':', 1, true)
              local repeats = colon and tonumber(string.sub(prior, colon + 1))
              if repeats and repeats < tonumber(ARGV[4]) and string.sub(prior, 1, colon - 1) ~= ARGV[2] then
                redis.call('SET', KEYS[2], ARGV[2] .. ':' .. (repeats + 1), 'KEEPTTL')
                admitted = 1
              end
            end
            """;

    /**
     * Takes up to ARGV[7] tokens (at least one) and records the nonce as {@link #NONCE} does. Returns
     * {0, micros to wait} over quota, {1, tokens taken} admitted, {2, tokens taken} a replay.
     */
    static final String LEASE_SCRIPT = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local rate = tonumber(ARGV[5])
            local burst = tonumber(ARGV[6])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or now
            if now > at then
              tokens = math.min(burst, tokens + (now - at) * rate / 1000)
              at = now
            end
            if tokens < 1 then
              return {0, math.ceil((1 - tokens) * 1000000 / rate)}
            end
            local taken = math.min(tonumber(ARGV[7]), math.floor(tokens))
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - taken), 'at', string.format('%d', at))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
            """ + NONCE + """
            return {admitted, taken}
            """;

    /** A signature already recorded, seen again: {@link #NONCE} alone. Returns {1} admitted or {2} a replay. */
    static final String REPEAT_SCRIPT = NONCE + """
            return {admitted}
            """;

    private final RedisConnections redis;
    private final String rate;
    private final String burst;
    private final long leaseSize;
    private final RequestAdmission fallback;
    /** Names this replica in the nonces it takes; a process has one admission, so one name. */
    private final String replica = UUID.randomUUID().toString();
    private final ConcurrentHashMap<String, TokenLease> leases = new ConcurrentHashMap<>();

    public RedisRequestAdmission(RedisConnections redis, long ratePerSecond, long burst, RequestAdmission fallback) {
        if (ratePerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("quota rate and burst must be > 0 but were " + ratePerSecond + " and " + burst);
        }
        this.redis = redis;
        this.rate = Long.toString(ratePerSecond);
        this.burst = Long.toString(burst);
        this.leaseSize = leaseSize(ratePerSecond, burst);
        this.fallback = fallback;
    }

    /**
     * Tokens a replica takes at once: a fortieth of the burst, so several replicas' unspent leases leave most of the
     * bucket to the others, and a tenth of a second's refill, so a lease dropped unspent each second costs at most a
     * tenth of the rate. Small quotas lease one token: exactly the shared bucket, request by request.
     */
    static long leaseSize(long ratePerSecond, long burst) {
        return Math.max(1, Math.min(MAX_LEASE, Math.min(burst / 40, ratePerSecond / 10)));
    }

    @Override
    public Mono<Admission> admit(TenantId tenant, Role role, String signature, Duration nonceTtl, boolean retrySafe) {
        String bucket = RedisConnections.key(tenant.value(), "quota:" + role.wireName());
        String nonce = RedisConnections.key(tenant.value(), "nonce:" + signature);
        TokenLease lease = leases.computeIfAbsent(bucket, key -> new TokenLease());
        Mono<Admission> shared = lease.take(System.nanoTime())
                ? recordNonce(bucket, nonce, nonceTtl, retrySafe)
                : takeLease(lease, bucket, nonce, nonceTtl, retrySafe);
        // No Reactor timeout here: the connection's TimeoutOptions already end the command after COMMAND_TIMEOUT,
        // and a second timer per request is a scheduled task on another thread.
        return shared.onErrorResume(failure -> {
            log.debug("admission falls back to this replica's buckets and nonces: {}", failure.toString());
            return fallback.admit(tenant, role, signature, nonceTtl, retrySafe);
        });
    }

    /** A token in hand: the nonce alone, by a native command; a repeat goes to the script that may take it over. */
    private Mono<Admission> recordNonce(String bucket, String nonce, Duration nonceTtl, boolean retrySafe) {
        return redis.strings().reactive().set(nonce, replica + ":0", SetArgs.Builder.nx().px(nonceTtl.toMillis()))
                .map(ok -> Admission.ADMITTED)
                .switchIfEmpty(Mono.defer(() -> retrySafe
                        ? script(REPEAT_SCRIPT, bucket, nonce, nonceTtl, true).map(reply -> verdict(reply.get(0)))
                        : Mono.just(Admission.REPLAYED)));
    }

    private Mono<Admission> takeLease(TokenLease lease, String bucket, String nonce, Duration nonceTtl, boolean retrySafe) {
        return script(LEASE_SCRIPT, bucket, nonce, nonceTtl, retrySafe, rate, burst, Long.toString(leaseSize))
                .map(reply -> {
                    if (reply.get(0) == 0) {
                        return Admission.overQuota(Duration.ofNanos(reply.get(1) * 1000));
                    }
                    lease.refill(reply.get(1) - 1, System.nanoTime());
                    return verdict(reply.get(0));
                });
    }

    private Mono<List<Long>> script(String script, String bucket, String nonce, Duration nonceTtl, boolean retrySafe,
                                    String... more) {
        String[] keys = {bucket, nonce};
        String[] args = new String[4 + more.length];
        args[0] = Long.toString(nonceTtl.toMillis());
        args[1] = replica;
        args[2] = retrySafe ? "1" : "0";
        args[3] = Integer.toString(RETRIES_ACROSS_REPLICAS);
        System.arraycopy(more, 0, args, 4, more.length);
        // EVAL, not EVALSHA: a Redis restarted empty answers EVALSHA with NOSCRIPT, and a second command issued
        // from that error signal can meet Lettuce's reconnect; the script's text costs less than that risk, and
        // with leases only one request in many sends it.
        return redis.strings().reactive().<List<Long>>eval(script, ScriptOutputType.MULTI, keys, args).single();
    }

    private static Admission verdict(long code) {
        return switch ((int) code) {
            case 1 -> Admission.ADMITTED;
            case 2 -> Admission.REPLAYED;
            default -> throw new IllegalStateException("the admission script answered " + code);
        };
    }

    /** The tokens of one bucket this replica holds, until they expire. */
    private static final class TokenLease {

        private long tokens;
        private long expiresAtNanos;

        synchronized boolean take(long nowNanos) {
            if (tokens > 0 && nowNanos - expiresAtNanos < 0) {
                tokens--;
                return true;
            }
            return false;
        }

        synchronized void refill(long more, long nowNanos) {
            if (nowNanos - expiresAtNanos >= 0) {
                tokens = 0;
            }
            tokens += more;
            expiresAtNanos = nowNanos + LEASE_LIFETIME.toNanos();
        }
    }
}
