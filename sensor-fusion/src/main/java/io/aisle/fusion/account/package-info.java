/**
 * Shoppers bound to accounts: the store's gates, the entry events their app scanners report, and
 * the binding of each entry to the one track that passed the gate at that time.
 */
package io.aisle.fusion.account;
