package io.aisle.serving.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void ofManyRequestsClaimingOneKeyAtOnceExactlyOneRuns() throws Exception {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Clock.fixed(NOW, ZoneOffset.UTC));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return store.claim(ACME, "k", "fp").block();
                }));
            }
            start.countDown();
            int first = 0;
            for (Future<Claim> claim : claims) {
                first += claim.get() instanceof Claim.First ? 1 : 0;
            }
            assertEquals(1, first);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPendingClaimLapsesSoARetryAfterACrashRuns() {
        MutableClock clock = new MutableClock();
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(clock);
        store.claim(ACME, "k", "fp").block();

        assertInstanceOf(Claim.InFlight.class, store.claim(ACME, "k", "fp").block());
        clock.advance(IdempotencyStore.PENDING_TTL);
        assertInstanceOf(Claim.First.class, store.claim(ACME, "k", "fp").block());
    }

    @Test
    void aCompletedKeyReplaysItsAnswerForTheSameRequestOnly() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Clock.fixed(NOW, ZoneOffset.UTC));
        StoredReply reply = new StoredReply(202, "{\"accepted\":1}".getBytes(StandardCharsets.UTF_8));
        store.claim(ACME, "k", "fp").block();
        store.complete(ACME, "k", "fp", reply).block();
        store.release(ACME, "k", "fp").block();

        assertEquals(new Claim.Replay(reply), store.claim(ACME, "k", "fp").block());
        assertInstanceOf(Claim.KeyReused.class, store.claim(ACME, "k", "other").block());
        assertInstanceOf(Claim.First.class, store.claim(new TenantId("globex"), "k", "fp").block());
    }
}
