package io.aisle.fusion.pipeline;

import java.util.Objects;

/**
 * The state of a {@link StorePipeline}: its engine's snapshot, its camera ingest's and its account
 * binding's, each in its own kind of the snapshot format ({@code fusion-engine}, {@code camera-ingest},
 * {@code account-binding}; see
 * {@code sensor-fusion/SNAPSHOT_FORMAT.md}). The recognizer holds no state of the store.
 *
 * @param engineSnapshot the engine's snapshot bytes
 * @param cameraSnapshot the camera ingest's, empty while the pipeline has no cameras
 * @param accountSnapshot the account binding's ({@code account-binding}); empty for a checkpoint
 *     written before accounts were bound, whose store then starts binding afresh
 */
public record PipelineSnapshot(byte[] engineSnapshot, byte[] cameraSnapshot, byte[] accountSnapshot) {

    public PipelineSnapshot {
        Objects.requireNonNull(engineSnapshot, "engineSnapshot");
        cameraSnapshot = cameraSnapshot == null ? new byte[0] : cameraSnapshot;
        accountSnapshot = accountSnapshot == null ? new byte[0] : accountSnapshot;
    }

    /** A snapshot of a release before accounts were bound. */
    public PipelineSnapshot(byte[] engineSnapshot, byte[] cameraSnapshot) {
        this(engineSnapshot, cameraSnapshot, new byte[0]);
    }

    /** Whether the pipeline had cameras when the snapshot was taken. */
    public boolean hasCameras() {
        return cameraSnapshot.length > 0;
    }
}
