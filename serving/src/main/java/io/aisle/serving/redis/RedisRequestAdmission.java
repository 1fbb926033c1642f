package io.aisle.serving.redis;

import io.aisle.serving.security.Admission;
import io.aisle.serving.security.RequestAdmission;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Quota buckets and replay nonces shared by every replica, both in one script call: one round trip per request,
 * answered on Lettuce's I/O thread with no hand-off. The bucket is the hash {@code t:{tenant}:quota:{role}}
 * ({@code tokens}, {@code at} in milliseconds of Redis's own clock, so replicas' clocks do not matter),
 * refilled greedily at {@code ratePerSecond} up to {@code burst}; the nonce {@code t:{tenant}:nonce:{signature}}
 * is set only when a token was taken. While Redis does not answer, the replica admits from its own buckets and
 * nonces (the fallback): a tenant then cannot exceed its quota on any one node, and a replay to the same node is
 * still refused.
 */
public final class RedisRequestAdmission implements RequestAdmission {

    private static final Logger log = LoggerFactory.getLogger(RedisRequestAdmission.class);

    /**
     * Returns {0, micros to wait} over quota, {1} admitted, {2} a replay. The nonce holds
     * {@code {replica}:{repeats}}: the replica that took the signature last and how often it came again. A retry-safe
     * request (ARGV[5] = 1) coming to another replica than that one takes the nonce over, at most ARGV[6] times.
     */
    static final String SCRIPT = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
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
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', string.format('%d', at))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
            local prior = redis.call('GET', KEYS[2])
            if not prior then
              redis.call('SET', KEYS[2], ARGV[4] .. ':0', 'PX', ARGV[3])
              return {1}
            end
            if ARGV[5] == '1' then
              local colon = string.find(prior, ':', 1, true)
              local repeats = colon and tonumber(string.sub(prior, colon + 1))
              if repeats and repeats < tonumber(ARGV[6]) and string.sub(prior, 1, colon - 1) ~= ARGV[4] then
                redis.call('SET', KEYS[2], ARGV[4] .. ':' .. (repeats + 1), 'KEEPTTL')
                return {1}
              end
            end
            return {2}
            """;

    private final RedisConnections redis;
    private final String rate;
    private final String burst;
    private final RequestAdmission fallback;
    /** Names this replica in the nonces it takes; a process has one admission, so one name. */
    private final String replica = UUID.randomUUID().toString();

    public RedisRequestAdmission(RedisConnections redis, long ratePerSecond, long burst, RequestAdmission fallback) {
        if (ratePerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("quota rate and burst must be > 0 but were " + ratePerSecond + " and " + burst);
        }
        this.redis = redis;
        this.rate = Long.toString(ratePerSecond);
        this.burst = Long.toString(burst);
        this.fallback = fallback;
    }

    @Override
    public Mono<Admission> admit(TenantId tenant, Role role, String signature, Duration nonceTtl, boolean retrySafe) {
        String[] keys = {RedisConnections.key(tenant.value(), "quota:" + role.wireName()),
                RedisConnections.key(tenant.value(), "nonce:" + signature)};
        String nonceMillis = Long.toString(nonceTtl.toMillis());
        // EVAL, not EVALSHA: a Redis restarted empty answers EVALSHA with NOSCRIPT, and a second command issued
        // from that error signal can meet Lettuce's reconnect; the script's 700 bytes cost less than that risk.
        return redis.strings().reactive().<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, keys, rate, burst, nonceMillis,
                        replica, retrySafe ? "1" : "0", Integer.toString(RETRIES_ACROSS_REPLICAS))
                .single()
                .map(RedisRequestAdmission::admission)
                // No Reactor timeout here: the connection's TimeoutOptions already end the command after
                // COMMAND_TIMEOUT, and a second timer per request is a scheduled task on another thread.
                .onErrorResume(failure -> {
                    log.debug("admission falls back to this replica's buckets and nonces: {}", failure.toString());
                    return fallback.admit(tenant, role, signature, nonceTtl, retrySafe);
                });
    }

    private static Admission admission(List<Long> reply) {
        return switch (reply.get(0).intValue()) {
            case 0 -> Admission.overQuota(Duration.ofNanos(reply.get(1) * 1000));
            case 1 -> Admission.ADMITTED;
            case 2 -> Admission.REPLAYED;
            default -> throw new IllegalStateException("the admission script answered " + reply);
        };
    }
}
