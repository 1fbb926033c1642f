/**
 * Sensor fusion for checkout-free stores: shelf load cells and shopper observations become
 * virtual carts and receipts. Plain Java, deterministic given its inputs.
 */
package io.aisle.fusion;
