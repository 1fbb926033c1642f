/**
 * The checkout-free store simulator: a generated store, shoppers who pick, put back, hand over
 * and lean, noisy load cells and shopper observations, the ground truth, the replayable event
 * log, and the receipt scorer.
 */
package io.aisle.simulations.store;
