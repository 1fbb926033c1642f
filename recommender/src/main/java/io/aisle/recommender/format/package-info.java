/**
 * Shared pieces of Aisle's portable model file formats: the format error that names the file and the
 * field, and strict JSON field access.
 */
package io.aisle.recommender.format;
