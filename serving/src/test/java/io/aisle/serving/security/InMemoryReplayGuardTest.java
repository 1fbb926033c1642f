package io.aisle.serving.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final Duration TTL = Duration.ofMinutes(10);

    @Test
    void refusesASignatureSeenWithinTheWindowAndForgetsItAfter() {
        MutableClock clock = new MutableClock();
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);

        assertTrue(guard.firstSighting(ACME, "sig", TTL).block());
        assertFalse(guard.firstSighting(ACME, "sig", TTL).block());
        clock.advance(TTL.plusSeconds(1));
        assertTrue(guard.firstSighting(ACME, "sig", TTL).block());
    }

    @Test
    void keepsTenantsApart() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(new MutableClock());

        assertTrue(guard.firstSighting(ACME, "sig", TTL).block());
        assertTrue(guard.firstSighting(new TenantId("globex"), "sig", TTL).block());
    }

    @Test
    void admitsExactlyOneOfManyConcurrentSightings() throws Exception {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(new MutableClock());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tries.add(() -> guard.firstSighting(ACME, "same", TTL).block());
            }
            int admitted = 0;
            for (Future<Boolean> result : pool.invokeAll(tries)) {
                admitted += result.get() ? 1 : 0;
            }
            assertTrue(admitted == 1, "admitted " + admitted);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
