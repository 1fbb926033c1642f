package io.aisle.fusion.pipeline;

import java.util.Objects;

/**
 * The state of a {@link StorePipeline}: its engine's snapshot and its camera ingest's, each in its
 * own kind of the snapshot format ({@code fusion-engine}, {@code camera-ingest}; see
 * {@code sensor-fusion/SNAPSHOT_FORMAT.md}). The recognizer holds no state of the store.
 *
 * @param engineSnapshot the engine's snapshot bytes
 * @param cameraSnapshot the camera ingest's, empty while the pipeline has no cameras
 */
public record PipelineSnapshot(byte[] engineSnapshot, byte[] cameraSnapshot) {

    public PipelineSnapshot {
        Objects.requireNonNull(engineSnapshot, "engineSnapshot");
        cameraSnapshot = cameraSnapshot == null ? new byte[0] : cameraSnapshot;
    }

    /** Whether the pipeline had cameras when the snapshot was taken. */
    public boolean hasCameras() {
        return cameraSnapshot.length > 0;
    }
}
