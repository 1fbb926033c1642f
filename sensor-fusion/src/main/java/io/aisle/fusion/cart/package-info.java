/**
 * Virtual carts and receipts: a ledger of signed cart entries per shopper (picks add, put-backs
 * remove), open attribution hypotheses, and the receipt issued at exit.
 */
package io.aisle.fusion.cart;
