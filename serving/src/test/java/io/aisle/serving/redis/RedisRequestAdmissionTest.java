package io.aisle.serving.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.quota.LocalTenantQuotas;
import io.aisle.serving.security.Admission;
import io.aisle.serving.security.InMemoryReplayGuard;
import io.aisle.serving.security.LocalRequestAdmission;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.testing.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quota and replay in one round trip, shared by replicas through a real redis-server. */
class RedisRequestAdmissionTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");
    private static final Duration NONCE_TTL = Duration.ofMinutes(10);
    private static final AtomicInteger signatures = new AtomicInteger();

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private RedisConnections connections;

    @BeforeEach
    void connect() {
        if (!redis.isRunning()) {
            redis.start();
        }
        connections = new RedisConnections(redis.uri());
        connections.strings().sync().flushall();
    }

    @AfterEach
    void disconnect() {
        connections.close();
    }

    /** Two replicas, each with its own fallback, sharing one bucket of 3 tokens refilled at 1 a second. */
    private RedisRequestAdmission replica() {
        return replica(3);
    }

    private RedisRequestAdmission replica(long burst) {
        return replica(1, burst);
    }

    private RedisRequestAdmission replica(long ratePerSecond, long burst) {
        return new RedisRequestAdmission(connections, ratePerSecond, burst,
                new LocalRequestAdmission(new LocalTenantQuotas(ratePerSecond, burst), new InMemoryReplayGuard(Clock.systemUTC())));
    }

    /**
     * A replica that has admitted one request. A small quota leases one token at a time (every request runs the
     * script); a large one leases many, so its later requests record their nonce alone.
     */
    private RedisRequestAdmission replicaHoldingALease(boolean many) {
        RedisRequestAdmission replica = many ? replica(1000, 4000) : replica(1, 100);
        assertEquals(many ? 100 : 1, RedisRequestAdmission.leaseSize(many ? 1000 : 1, many ? 4000 : 100));
        replica.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block();
        return replica;
    }

    private long calls(String command) {
        String stats = connections.strings().sync().info("commandstats");
        Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(stats);
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    private static String freshSignature() {
        return "sig-" + signatures.incrementAndGet();
    }

    @Test
    void theBucketIsSharedByReplicasAndOverQuotaSaysWhenToRetry() {
        RedisRequestAdmission first = replica();
        RedisRequestAdmission second = replica();

        assertEquals(Admission.ADMITTED, first.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block());
        assertEquals(Admission.ADMITTED, second.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block());
        assertEquals(Admission.ADMITTED, first.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block());
        Admission over = second.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block();

        assertEquals(Admission.Verdict.OVER_QUOTA, over.verdict());
        assertTrue(over.retryAfter().compareTo(Duration.ofMillis(900)) > 0 && over.retryAfter().compareTo(Duration.ofSeconds(1)) <= 0,
                "about one token's refill: " + over.retryAfter());
        assertEquals(Admission.ADMITTED, second.admit(GLOBEX, Role.STOREFRONT, freshSignature(), NONCE_TTL).block(),
                "another tenant has its own bucket");
        assertEquals(Admission.ADMITTED, second.admit(ACME, Role.ADMIN, freshSignature(), NONCE_TTL).block(),
                "and so has another role");
        assertEquals(1, connections.strings().sync().exists("t:acme:quota:storefront"));
    }

    @ParameterizedTest(name = "leasing many tokens: {0}")
    @ValueSource(booleans = {false, true})
    void aSignatureSeenByOneReplicaIsAReplayOnTheOther(boolean many) {
        RedisRequestAdmission first = replicaHoldingALease(many);
        RedisRequestAdmission second = replicaHoldingALease(many);
        String signature = freshSignature();
        assertEquals(Admission.ADMITTED, first.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL).block());
        assertEquals(Admission.REPLAYED, second.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL).block());
        assertEquals(Admission.REPLAYED, first.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL).block());
        assertEquals(Admission.ADMITTED, second.admit(GLOBEX, Role.STOREFRONT, signature, NONCE_TTL).block(),
                "nonces are per tenant");
        long ttl = connections.strings().sync().pttl("t:acme:nonce:" + signature);
        assertTrue(ttl > NONCE_TTL.minusSeconds(5).toMillis() && ttl <= NONCE_TTL.toMillis(), "nonce ttl " + ttl);
    }

    @ParameterizedTest(name = "leasing many tokens: {0}")
    @ValueSource(booleans = {false, true})
    void aRetrySafeRequestComesAgainOnAnotherReplicaAsALoadBalancersRetriesDo(boolean many) {
        RedisRequestAdmission first = replicaHoldingALease(many);
        RedisRequestAdmission second = replicaHoldingALease(many);
        String signature = freshSignature();

        assertEquals(Admission.ADMITTED, first.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL, true).block());
        assertEquals(Admission.ADMITTED, second.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL, true).block(),
                "the first replica died before answering: the retry on another one is served");
        assertEquals(Admission.REPLAYED, second.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL, true).block(),
                "again on the replica that took it last is a replay");
        assertEquals(Admission.ADMITTED, first.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL, true).block());
        assertEquals(Admission.ADMITTED, second.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL, true).block());
        assertEquals(Admission.REPLAYED, first.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL, true).block(),
                "past " + RedisRequestAdmission.RETRIES_ACROSS_REPLICAS + " retries every repeat is a replay");
        long ttl = connections.strings().sync().pttl("t:acme:nonce:" + signature);
        assertTrue(ttl > NONCE_TTL.minusSeconds(5).toMillis() && ttl <= NONCE_TTL.toMillis(), "a retry keeps the nonce's ttl: " + ttl);
    }

    @Test
    void aReplicaRunsTheScriptOncePerLeaseAndRecordsEveryOtherNonceByOneNativeCommand() {
        RedisRequestAdmission replica = replica(1000, 4000);
        connections.strings().sync().configResetstat();
        for (int i = 0; i < 250; i++) {
            assertEquals(Admission.ADMITTED, replica.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block());
        }
        assertEquals(3, calls("eval"), "leases of 100 tokens: 3 for 250 requests");
        assertEquals(250, calls("set"), "a nonce each: 247 by themselves, 3 inside the scripts (Redis counts both)");
    }

    @Test
    void replicasLeasingTokensTogetherAdmitNoMoreThanTheBucketHolds() {
        // Lease of 10 tokens; 600 requests arrive at two replicas in turn faster than the bucket refills.
        RedisRequestAdmission first = replica(1000, 400);
        RedisRequestAdmission second = replica(1000, 400);
        assertEquals(10, RedisRequestAdmission.leaseSize(1000, 400));
        long started = System.nanoTime();
        int admitted = 0;
        for (int i = 0; i < 600; i++) {
            RedisRequestAdmission replica = i % 2 == 0 ? first : second;
            if (replica.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block() == Admission.ADMITTED) {
                admitted++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long allowed = 400 + (long) Math.ceil(1000 * seconds);
        assertTrue(admitted <= allowed, admitted + " admitted in " + seconds + " s; the bucket allows " + allowed);
        assertTrue(admitted >= 400 - 2 * 10, "the leases left unspent cost at most one each: " + admitted);
    }

    @Test
    void overQuotaTheSignatureIsNotRecordedSoItMaySucceedOnceRefilled() throws InterruptedException {
        RedisRequestAdmission replica = replica();
        for (int i = 0; i < 3; i++) {
            replica.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block();
        }
        String refused = freshSignature();
        Admission over = replica.admit(ACME, Role.STOREFRONT, refused, NONCE_TTL).block();
        assertEquals(Admission.Verdict.OVER_QUOTA, over.verdict());
        assertEquals(0, connections.strings().sync().exists("t:acme:nonce:" + refused));

        Thread.sleep(over.retryAfter().toMillis() + 50);
        assertEquals(Admission.ADMITTED, replica.admit(ACME, Role.STOREFRONT, refused, NONCE_TTL).block());
    }

    @Test
    void whileRedisIsDownEachReplicaAdmitsFromItsOwnBucketsAndNonces() {
        RedisRequestAdmission replica = replica();
        redis.stop();
        try {
            String signature = freshSignature();
            assertEquals(Admission.ADMITTED, replica.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL).block());
            assertEquals(Admission.REPLAYED, replica.admit(ACME, Role.STOREFRONT, signature, NONCE_TTL).block());
            replica.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block();
            assertEquals(Admission.Verdict.OVER_QUOTA,
                    replica.admit(ACME, Role.STOREFRONT, freshSignature(), NONCE_TTL).block().verdict(),
                    "the local bucket holds the same 3 tokens");
        } finally {
            redis.start();
        }
    }
}
