/**
 * Writes a client may retry, applied once: a request with an {@code Idempotency-Key} header gets the first
 * answer again, byte for byte, however often and on whichever replica it is sent.
 */
package io.aisle.serving.idempotency;
