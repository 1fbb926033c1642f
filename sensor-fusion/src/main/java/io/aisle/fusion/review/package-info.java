/**
 * Receipt review: the flagged receipts waiting for a person, their resolutions (confirm or correct)
 * and shoppers' disputes, each answered by an adjusted receipt that leaves the original as it was.
 */
package io.aisle.fusion.review;
