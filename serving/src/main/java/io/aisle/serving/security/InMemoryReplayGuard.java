package io.aisle.serving.security;

import io.aisle.serving.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import reactor.core.publisher.Mono;

/**
 * The embedded {@link ReplayGuard}. Signatures are remembered as 64-bit fingerprints in slices of
 * one minute of arrival time, and a slice is dropped whole once its last entry has expired, so a
 * signature is remembered for at least its {@code ttl} and at most a minute longer.
 *
 * <p>At thousands of requests a second and a ten-minute window that is millions of signatures.
 * Held as strings in a map they cost about 200 bytes each, every young collection copied the new
 * ones, and expiry meant sweeping the whole map. As fingerprints in primitive arrays they cost
 * 16 to 32 bytes each and give the collector nothing to trace. Two different signatures share a
 * fingerprint with probability 2^-64, which would refuse one genuine request as a replay.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

    /** The arrival time one slice covers. */
    static final Duration SLICE = Duration.ofMinutes(1);

    private final Clock clock;
    /** Oldest first. */
    private final Deque<Slice> slices = new ArrayDeque<>();

    public InMemoryReplayGuard(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> firstSighting(TenantId tenant, String signature, Duration ttl) {
        return Mono.just(firstSightingNow(tenant, signature, ttl));
    }

    synchronized boolean firstSightingNow(TenantId tenant, String signature, Duration ttl) {
        long now = clock.millis();
        while (!slices.isEmpty() && slices.peekFirst().expiresAtMillis <= now) {
            slices.removeFirst();
        }
        long fingerprint = fingerprint(tenant, signature);
        for (Slice slice : slices) {
            if (slice.fingerprints.contains(fingerprint)) {
                return false;
            }
        }
        long sliceStart = Math.floorDiv(now, SLICE.toMillis()) * SLICE.toMillis();
        Slice newest = slices.peekLast();
        if (newest == null || newest.startMillis != sliceStart) {
            newest = new Slice(sliceStart);
            slices.addLast(newest);
        }
        newest.fingerprints.add(fingerprint);
        newest.expiresAtMillis = Math.max(newest.expiresAtMillis, sliceStart + SLICE.toMillis() + ttl.toMillis());
        return true;
    }

    /** How many signatures are remembered now. */
    synchronized long remembered() {
        return slices.stream().mapToLong(slice -> slice.fingerprints.size()).sum();
    }

    /** FNV-1a over the tenant, a separator and the signature, then a 64-bit finaliser to spread the bits. */
    static long fingerprint(TenantId tenant, String signature) {
        long hash = 0xCBF29CE484222325L;
        hash = fnv(hash, tenant.value());
        hash = (hash ^ ':') * 0x100000001B3L;
        hash = fnv(hash, signature);
        hash = (hash ^ (hash >>> 33)) * 0xFF51AFD7ED558CCDL;
        hash = (hash ^ (hash >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return hash ^ (hash >>> 33);
    }

    private static long fnv(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001B3L;
        }
        return hash;
    }

    private static final class Slice {
        final long startMillis;
        final FingerprintSet fingerprints = new FingerprintSet();
        long expiresAtMillis = Long.MIN_VALUE;

        Slice(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    /** An open-addressing set of longs, kept at most half full. */
    static final class FingerprintSet {
        /** Marks a free cell; the fingerprint 0 is stored as a flag instead. */
        private static final long FREE = 0;

        private long[] cells = new long[1024];
        private int size;
        private boolean hasZero;

        boolean contains(long value) {
            if (value == FREE) {
                return hasZero;
            }
            int mask = cells.length - 1;
            for (int i = slot(value, mask); ; i = (i + 1) & mask) {
                if (cells[i] == value) {
                    return true;
                }
                if (cells[i] == FREE) {
                    return false;
                }
            }
        }

        /** Adds the value; false when it was there. */
        boolean add(long value) {
            if (value == FREE) {
                boolean added = !hasZero;
                hasZero = true;
                size += added ? 1 : 0;
                return added;
            }
            if (2 * (size + 1) > cells.length) {
                grow();
            }
            int mask = cells.length - 1;
            for (int i = slot(value, mask); ; i = (i + 1) & mask) {
                if (cells[i] == value) {
                    return false;
                }
                if (cells[i] == FREE) {
                    cells[i] = value;
                    size++;
                    return true;
                }
            }
        }

        int size() {
            return size;
        }

        private static int slot(long value, int mask) {
            return (int) (value ^ (value >>> 32)) & mask;
        }

        private void grow() {
            long[] old = cells;
            cells = new long[old.length * 2];
            int mask = cells.length - 1;
            for (long value : old) {
                if (value != FREE) {
                    int i = slot(value, mask);
                    while (cells[i] != FREE) {
                        i = (i + 1) & mask;
                    }
                    cells[i] = value;
                }
            }
        }
    }
}
