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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quota and replay in one script call, shared by replicas through a real redis-server. */
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
        return new RedisRequestAdmission(connections, 1, burst,
                new LocalRequestAdmission(new LocalTenantQuotas(1, burst), new InMemoryReplayGuard(Clock.systemUTC())));
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

    @Test
    void aSignatureSeenByOneReplicaIsAReplayOnTheOther() {
        String signature = freshSignature();
        assertEquals(Admission.ADMITTED, replica().admit(ACME, Role.STOREFRONT, signature, NONCE_TTL).block());
        assertEquals(Admission.REPLAYED, replica().admit(ACME, Role.STOREFRONT, signature, NONCE_TTL).block());
        assertEquals(Admission.ADMITTED, replica().admit(GLOBEX, Role.STOREFRONT, signature, NONCE_TTL).block(),
                "nonces are per tenant");
        long ttl = connections.strings().sync().pttl("t:acme:nonce:" + signature);
        assertTrue(ttl > NONCE_TTL.minusSeconds(5).toMillis() && ttl <= NONCE_TTL.toMillis(), "nonce ttl " + ttl);
    }

    @Test
    void aRetrySafeRequestComesAgainOnAnotherReplicaAsALoadBalancersRetriesDo() {
        RedisRequestAdmission first = replica(100);
        RedisRequestAdmission second = replica(100);
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
