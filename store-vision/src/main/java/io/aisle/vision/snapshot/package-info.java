/**
 * Versioned snapshots of a store's camera state (tracker, tick assembler), so the owner of a store
 * can checkpoint it and a successor resume the same tracks.
 */
package io.aisle.vision.snapshot;
