package io.aisle.serving.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.serving.tenancy.TenantId;
import io.aisle.serving.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
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
        clock.advance(TTL.minusSeconds(1));
        assertFalse(guard.firstSighting(ACME, "sig", TTL).block());
        // Remembered by the minute: at most one slice longer than the window.
        clock.advance(InMemoryReplayGuard.SLICE.plusSeconds(2));
        assertTrue(guard.firstSighting(ACME, "sig", TTL).block());
    }

    @Test
    void remembersEverySignatureOfABusyWindowAndDropsThemWhenItHasPassed() {
        MutableClock clock = new MutableClock();
        InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);
        int perMinute = 100_000;
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < perMinute; i++) {
                assertTrue(guard.firstSightingNow(ACME, minute + "-" + i, TTL), minute + "-" + i);
            }
            clock.advance(Duration.ofMinutes(1));
        }
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < perMinute; i += 7) {
                assertFalse(guard.firstSightingNow(ACME, minute + "-" + i, TTL), minute + "-" + i);
            }
        }
        assertEquals(3L * perMinute, guard.remembered());

        clock.advance(TTL);
        assertTrue(guard.firstSightingNow(ACME, "after", TTL));
        assertEquals(1, guard.remembered());
    }

    @Test
    void fingerprintSetKeepsZeroAndValuesThatFallInOneSlot() {
        InMemoryReplayGuard.FingerprintSet set = new InMemoryReplayGuard.FingerprintSet();
        assertFalse(set.contains(0));
        assertTrue(set.add(0));
        assertFalse(set.add(0));
        // (i << 32 | i) all hash to slot 0: every add and lookup walks the one cluster, across growths.
        for (long i = 1; i <= 2_000; i++) {
            assertTrue(set.add(i << 32 | i), "add " + i);
        }
        assertTrue(set.contains(0));
        for (long i = 1; i <= 2_000; i++) {
            assertTrue(set.contains(i << 32 | i), "contains " + i);
            assertFalse(set.add(i << 32 | i), "re-add " + i);
        }
        assertFalse(set.contains(2_001L << 32 | 2_001L));
        assertEquals(2_001, set.size());
    }

    @Test
    void fingerprintsTellTenantsAndSignaturesApart() {
        assertNotEquals(InMemoryReplayGuard.fingerprint(ACME, "ab"), InMemoryReplayGuard.fingerprint(new TenantId("acmea"), "b"));
        assertNotEquals(InMemoryReplayGuard.fingerprint(ACME, "sig"), InMemoryReplayGuard.fingerprint(ACME, "sih"));
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
}
