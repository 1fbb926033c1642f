package io.aisle.fusion.attribution;

import static io.aisle.fusion.testing.CodecRoundTrip.bytes;
import static io.aisle.fusion.testing.CodecRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.layout.FloorZone;
import io.aisle.fusion.layout.PlateBox;
import io.aisle.vision.observation.StorePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionCodecsTest {

    private static final FloorZone ENTRY = new FloorZone(0, 0, 1, 1);
    private static final FloorZone EXIT = new FloorZone(3, 0, 4, 1);
    private static final PlateBox PLATE = new PlateBox(new StorePoint(2, 2, 1), new StorePoint(2.4, 2.4, 1.1));

    private static Sighting at(String track, long t, double x, double y) {
        return new Sighting(track, t, x, y, x + 0.1, y + 0.1, 1.0, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void aSightingReadsBackEqualMissingWristIncluded() {
        Sighting sighting = at("t1", 1_000, 2.0, 3.0);

        assertEquals(sighting, roundTrip(Sighting.CODEC, sighting));
    }

    @Test
    void aShopperTrackWhoseRingWrappedAnswersAsBefore() {
        ShopperTrack track = new ShopperTrack("t1", true);
        track.addTrackId("t7");
        for (int i = 0; i < 300; i++) {
            track.record(at("t1", 1_000 + 66L * i, 0.5 + i * 0.005, 2.0));
        }
        track.markExit(20_000);

        ShopperTrack read = roundTrip(ShopperTrack.CODEC, track);

        assertEquals(track.trackIds(), read.trackIds());
        assertEquals(track.lastSeenMillis(), read.lastSeenMillis());
        assertEquals(track.exitMillis(), read.exitMillis());
        assertEquals(track.closestWristMeters(PLATE, 0, 30_000), read.closestWristMeters(PLATE, 0, 30_000));
        assertEquals(track.closestApproachMillis(PLATE, 0, 30_000), read.closestApproachMillis(PLATE, 0, 30_000));
        assertEquals(track.reachLikelihood(PLATE, 10_000, 12_000, 0.2, 300),
                read.reachLikelihood(PLATE, 10_000, 12_000, 0.2, 300));
        assertArrayEquals(bytes(ShopperTrack.CODEC, track), bytes(ShopperTrack.CODEC, read));
    }

    @Test
    void aRegistryKeepsOneShopperBehindItsTrackIdsAndItsLinks() {
        ShopperRegistry registry = new ShopperRegistry(ENTRY, EXIT, 0.5, 1.5, 3_000);
        registry.record(at("a", 1_000, 0.5, 0.5));
        registry.record(at("b", 1_000, 0.6, 0.6));
        registry.record(at("a", 2_000, 2.0, 2.0));
        registry.record(at("b", 2_000, 2.2, 2.0));
        // a's track is lost and a new one starts near both: an identity switch with an alternative.
        registry.record(at("a2", 2_100, 2.1, 2.0));
        registry.record(at("c", 2_200, 0.5, 0.5));
        registry.retire("c");

        ShopperRegistry read = roundTrip(ShopperRegistry.CODEC, registry);

        assertArrayEquals(bytes(ShopperRegistry.CODEC, registry), bytes(ShopperRegistry.CODEC, read));
        assertSame(read.findActiveByTrack("a2").orElseThrow(), read.findActive(
                registry.findActiveByTrack("a2").orElseThrow().shopperId()).orElseThrow());
        assertTrue(read.record(at("c", 3_000, 0.5, 0.5)).isEmpty(), "a retired track stays retired");
        assertEquals(List.of("a", "b"), read.activeSnapshot().stream().map(ShopperTrack::shopperId).toList());
    }
}
