package io.aisle.vision.tracking;

import java.util.Objects;

/**
 * Tuning of {@link MultiCameraTracker}.
 *
 * @param entryZone the only place where new identities are born
 * @param exitZone where a track that stops being seen ends (the shopper left); the entry zone
 *     itself in a store whose gate is both
 * @param highConfidence detections at or above it take part in the first pass and may start tracks
 * @param lowConfidence detections below it are dropped; between the two they only extend tracks
 *     in the second pass (ByteTrack)
 * @param gateMeters farthest a detection may be from a track's prediction in the first pass
 * @param lowGateMeters the same for the second pass, tighter since low detections are less sure
 * @param fusionRadiusMeters detections of different cameras closer than this are one person
 * @param confirmHits hits in a row that confirm a new track in the entry zone
 * @param maxCoastMillis how long an unseen track stays active before it is lost
 * @param maxLostMillis how long a lost track waits to be re-acquired
 * @param walkSpeedMetersPerSecond bounds how far a lost shopper may have walked while unseen
 * @param appearanceWeightMeters when detection and track both have an appearance embedding, their
 *     cosine distance times this is added to the floor distance in association and fusion (the
 *     same share of the reach when re-acquiring a lost track)
 * @param appearanceGate largest cosine distance between a detection's embedding and a track's
 *     learned appearance at which they may still be matched (in the first pass, for a detection
 *     with another one nearby, whose embedding may be a mix of both people, only the sum is gated:
 *     floor distance + weight x appearance distance at most gateMeters + weight x appearanceGate)
 */
public record TrackerConfig(
        FloorZone entryZone,
        FloorZone exitZone,
        double highConfidence,
        double lowConfidence,
        double gateMeters,
        double lowGateMeters,
        double fusionRadiusMeters,
        int confirmHits,
        long maxCoastMillis,
        long maxLostMillis,
        double walkSpeedMetersPerSecond,
        double appearanceWeightMeters,
        double appearanceGate) {

    public TrackerConfig {
        Objects.requireNonNull(entryZone, "entryZone");
        Objects.requireNonNull(exitZone, "exitZone");
        if (!(lowConfidence >= 0 && lowConfidence <= highConfidence && highConfidence <= 1)) {
            throw new IllegalArgumentException("need 0 <= lowConfidence <= highConfidence <= 1 but were "
                    + lowConfidence + ", " + highConfidence);
        }
        if (!(gateMeters > 0 && lowGateMeters > 0 && fusionRadiusMeters > 0 && walkSpeedMetersPerSecond > 0)) {
            throw new IllegalArgumentException("gates, fusion radius and walk speed must be > 0");
        }
        if (!(appearanceWeightMeters >= 0 && appearanceGate > 0)) {
            throw new IllegalArgumentException("need appearanceWeightMeters >= 0 and appearanceGate > 0 but were "
                    + appearanceWeightMeters + ", " + appearanceGate);
        }
        if (confirmHits < 1 || maxCoastMillis < 0 || maxLostMillis < maxCoastMillis) {
            throw new IllegalArgumentException("need confirmHits >= 1 and 0 <= maxCoastMillis <= maxLostMillis but were "
                    + confirmHits + ", " + maxCoastMillis + ", " + maxLostMillis);
        }
    }

    /**
     * Values tuned for shoppers at 15 frames per second under ceiling cameras. Tight gates and a
     * short coast keep two shoppers who pass close by from trading identities: on dense synthetic
     * bay scenes (20 and 40 shoppers on 2 and 4 cameras) mean IDF1 went from 0.79 with a 1.0 m gate
     * and 400 ms coast to 0.87 with these. Appearance: 4 m per unit of cosine distance, so a
     * look-alike 0.05 further away in appearance costs as much as 0.2 m on the floor: in full-length
     * crowd runs most swaps are two shoppers on one spot near the entry, where floor distance
     * cannot tell them apart (2 m gave mean IDF1 0.958 on the tracker alone over five development
     * seeds, 4 m 0.967, 6 m 0.971, but at 6 m two identically dressed shoppers kept their
     * identities through a squeeze on per-view noise alone; see docs/benchmarks.md). A gate
     * of 0.3, above the distance between two views of one person through two cameras' lighting
     * (about 0.06) and a detection mixed with a neighbour, below that between clothing palettes
     * (about 0.45); without embeddings both are unused.
     */
    public static TrackerConfig defaults(FloorZone entryZone) {
        return new TrackerConfig(entryZone, entryZone, 0.5, 0.1, 0.7, 0.5, 0.45, 3, 150, 600_000, 1.6, 4.0, 0.3);
    }

    /**
     * The same tuning for a store whose exit is apart from its entry: a track lost in the entry
     * zone then waits to be re-acquired like anywhere else, and only one lost in the exit zone ends.
     */
    public TrackerConfig withExitZone(FloorZone zone) {
        return new TrackerConfig(entryZone, zone, highConfidence, lowConfidence, gateMeters, lowGateMeters,
                fusionRadiusMeters, confirmHits, maxCoastMillis, maxLostMillis, walkSpeedMetersPerSecond,
                appearanceWeightMeters, appearanceGate);
    }

    /** The same tuning with another appearance weight and gate; a weight of 0 ignores embeddings in costs. */
    public TrackerConfig withAppearance(double weightMeters, double gate) {
        return new TrackerConfig(entryZone, exitZone, highConfidence, lowConfidence, gateMeters, lowGateMeters,
                fusionRadiusMeters, confirmHits, maxCoastMillis, maxLostMillis, walkSpeedMetersPerSecond,
                weightMeters, gate);
    }
}
