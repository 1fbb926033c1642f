/**
 * Redis adapters (Lettuce, reactive): replay nonces, quota buckets and user histories under
 * {@code t:{tenant}:…} keys. Each falls back to its in-process twin while Redis is unreachable,
 * and Lettuce reconnects by itself when Redis returns.
 */
package io.aisle.serving.redis;
