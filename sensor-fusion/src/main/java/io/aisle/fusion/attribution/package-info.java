/**
 * Who: shopper tracks (with identity-switch linking, entry and exit), their recent wrist
 * history, and the probability that each shopper's hand caused a plate's weight change.
 */
package io.aisle.fusion.attribution;
