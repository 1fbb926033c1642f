/**
 * How Aisle keeps its files on local disk: whole-file writes and renames that a crash cannot leave half
 * done, and that are on disk (file and folder entry) before they are reported written.
 */
package io.aisle.recommender.storage;
