/**
 * The snapshot format of a store's state (camera tracker, tick assembler, fusion engine, store
 * checkpoint): typed big-endian writers and readers, a codec per type, a versioned envelope, and a
 * class-free reader of the Java-serialized snapshots of earlier releases. Layout in
 * {@code sensor-fusion/SNAPSHOT_FORMAT.md}.
 */
package io.aisle.vision.snapshot;
