package io.aisle.vision.frame;

/**
 * Size bounds of a camera-frame batch. A batch over {@code maxBatchBytes} is refused before it is
 * parsed; the other bounds are checked while reading.
 */
public record FrameLimits(int maxBatchBytes, int maxFrames, int maxPersonsPerFrame, int maxCropBytes) {

    /** 1 MiB per batch, 64 frames, 64 persons per frame, 64 KiB per decoded hand crop. */
    public static final FrameLimits DEFAULT = new FrameLimits(1 << 20, 64, 64, 64 << 10);

    public FrameLimits {
        if (maxBatchBytes <= 0 || maxFrames <= 0 || maxPersonsPerFrame <= 0 || maxCropBytes <= 0) {
            throw new IllegalArgumentException("every frame limit must be > 0 but were " + maxBatchBytes + ", "
                    + maxFrames + ", " + maxPersonsPerFrame + ", " + maxCropBytes);
        }
    }
}
