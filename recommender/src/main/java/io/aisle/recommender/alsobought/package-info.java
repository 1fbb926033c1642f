/**
 * "Customers also bought": per-item neighbour lists learned from co-occurrence, scored for one item or a
 * whole basket by summed similarity, and their portable file format.
 */
package io.aisle.recommender.alsobought;
