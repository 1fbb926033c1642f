/**
 * Redis adapters (Lettuce): replay nonces, quota buckets and user histories under
 * {@code t:{tenant}:…} keys, each falling back to its in-process twin while Redis is unreachable;
 * store checkpoints, and the carts and receipts the owner of a store shares with every server;
 * warehouse leases with fencing tokens, fenced warehouse checkpoints, and the relay of warehouse
 * calls to their owner. Lettuce reconnects by itself when Redis returns.
 */
package io.aisle.serving.redis;
