/** Batch scoring: top-K lists of an approved model for every user or item, written by Spark. */
package io.aisle.training.scoring;
