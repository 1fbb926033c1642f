package io.aisle.serving.recommendations;

import java.nio.charset.StandardCharsets;

/**
 * A hash of {@code tenant:user} that is the same in every replica and every release (unlike
 * {@link String#hashCode()} it is specified here): 32-bit FNV-1a over the UTF-8 bytes, then a
 * murmur3 finalizer so nearby keys spread over all buckets.
 */
final class StickyHash {

    private StickyHash() {
    }

    static int of(String key) {
        int hash = 0x811c9dc5;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return hash;
    }
}
