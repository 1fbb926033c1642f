package io.aisle.fusion.engine;

import static io.aisle.fusion.testing.CodecRoundTrip.bytes;
import static io.aisle.fusion.testing.CodecRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.fusion.cart.CartEntry;
import io.aisle.fusion.cart.CartLedger;
import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReceiptLine;
import io.aisle.fusion.inference.ItemEstimate;
import io.aisle.fusion.layout.FloorZone;
import io.aisle.fusion.planogram.LivePlanogram;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.testing.TestStores;
import io.aisle.fusion.time.EventTimeQueue;
import io.aisle.fusion.time.SkewEstimator;
import io.aisle.fusion.weight.PlateChangeDetector;
import io.aisle.fusion.weight.WeightChange;
import io.aisle.fusion.attribution.Sighting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One round trip per codec of the engine's state. */
class SnapshotCodecsTest {

    private static final CartEntry OPEN_PICK = new CartEntry(7, 2, "TEA", 2, 0.55, 4_000,
            Map.of("a", 0.55, "b", 0.45), true, Double.NaN);

    @Test
    void valuesReadBackEqual() {
        assertEquals(new ShelfReading("P1", 10, 812.5), roundTrip(ShelfReading.CODEC, new ShelfReading("P1", 10, 812.5)));
        assertEquals(new WeightChange(3, 10, 20, -350.2, 0.8), roundTrip(WeightChange.CODEC, new WeightChange(3, 10, 20, -350.2, 0.8)));
        ItemEstimate estimate = ItemEstimate.of(Map.of("LIME", 1, "LEMON", 2), 0.7, -1.25);
        assertEquals(estimate, roundTrip(ItemEstimate.CODEC, estimate));
        assertEquals(OPEN_PICK, roundTrip(CartEntry.CODEC, OPEN_PICK));
        assertEquals(new ReceiptLine("TEA", 2, 0.5), roundTrip(ReceiptLine.CODEC, new ReceiptLine("TEA", 2, 0.5)));
        assertEquals(new FloorZone(0, 0, 1.5, 2), roundTrip(FloorZone.CODEC, new FloorZone(0, 0, 1.5, 2)));
        RecentPut put = new RecentPut(9_000, 240.5, 1.1, estimate);
        assertEquals(put, roundTrip(RecentPut.CODEC, put));
    }

    @Test
    void aHandCropReadsBackWithItsImageBytes() {
        KeptCrop crop = new KeptCrop("t1", 5, new byte[] {1, 2, 3, -1});

        KeptCrop read = roundTrip(KeptCrop.CODEC, crop);

        assertEquals(List.of(crop.trackId(), crop.timestampMillis()), List.of(read.trackId(), read.timestampMillis()));
        assertArrayEquals(crop.imageBytes(), read.imageBytes());
    }

    @Test
    void outputsReadBackEqualWhateverTheirKind() {
        Receipt receipt = new Receipt("a", List.of("a", "a2"), 12_000, 12_100, List.of(new ReceiptLine("TEA", 1, 0.9)),
                true, List.of("the shopper was not seen leaving"));
        List<FusionOutput> outputs = List.of(new FusionOutput.CartUpdated("a", 4_000, List.of(new ReceiptLine("TEA", 1, 1))),
                new FusionOutput.ReceiptIssued(receipt));

        assertEquals(outputs, outputs.stream().map(o -> roundTrip(FusionState.OUTPUT, o)).toList());
        assertEquals(receipt, roundTrip(Receipt.CODEC, receipt));
    }

    @Test
    void aPlateChangeDetectorMidChangeSettlesAsTheOriginalDoes() {
        PlateChangeDetector original = new PlateChangeDetector(1, 2.0, 20, 12);
        Random noise = new Random(4);
        long t = 0;
        for (; t < 1_000; t += 16) {
            original.accept(t, 1_000 + noise.nextGaussian() * 2);
        }
        for (; t < 1_100; t += 16) {
            original.accept(t, 800 + noise.nextGaussian() * 2);
        }
        PlateChangeDetector copy = roundTrip(PlateChangeDetector.CODEC, original);

        List<Optional<WeightChange>> fromOriginal = new ArrayList<>();
        List<Optional<WeightChange>> fromCopy = new ArrayList<>();
        for (; t < 2_000; t += 16) {
            double grams = 650 + noise.nextGaussian() * 2;
            fromOriginal.add(original.accept(t, grams));
            fromCopy.add(copy.accept(t, grams));
        }

        assertEquals(fromOriginal, fromCopy);
        assertEquals(1, fromOriginal.stream().filter(Optional::isPresent).count());
    }

    @Test
    void aLedgerKeepsItsCartsInOrder() {
        CartLedger ledger = new CartLedger();
        ledger.add("b", new CartEntry(1, 0, "OATS", 1, 1, 1_000, Map.of("b", 1.0), false, 501.5));
        ledger.add("a", OPEN_PICK);

        CartLedger read = roundTrip(CartLedger.CODEC, ledger);

        assertArrayEquals(bytes(CartLedger.CODEC, ledger), bytes(CartLedger.CODEC, read));
        assertEquals(ledger.lines("a"), read.lines("a"));
        assertEquals(ledger.findOpenPick("a", "TEA", "b"), read.findOpenPick("a", "TEA", "b"));
        assertEquals(List.of("b"), read.holdersOf("OATS"));
    }

    @Test
    void aPlanogramKeepsMisplacedUnits() {
        LivePlanogram planogram = new LivePlanogram(TestStores.small());
        planogram.apply(0, "X-MISPLACED", 1);
        planogram.apply(1, planogram.unitsOn(1).keySet().iterator().next(), -2);

        LivePlanogram read = roundTrip(LivePlanogram.CODEC, planogram);

        for (int plate = 0; plate < planogram.plateCount(); plate++) {
            assertEquals(planogram.unitsOn(plate), read.unitsOn(plate));
            assertEquals(planogram.misplacedOn(plate), read.misplacedOn(plate));
        }
    }

    @Test
    void aSkewEstimatorWhoseRingWrappedKeepsItsMedian() {
        SkewEstimator skew = new SkewEstimator();
        for (int i = 0; i < 70; i++) {
            skew.add(-300 + (i * 37) % 101);
        }

        SkewEstimator read = roundTrip(SkewEstimator.CODEC, skew);

        assertEquals(skew.estimateMillis(), read.estimateMillis());
        assertEquals(skew.sampleCount(), read.sampleCount());
    }

    @Test
    void anEventTimeQueueReleasesInTheOriginalOrderAndKeepsItsLateCount() {
        EventTimeQueue<Object> queue = new EventTimeQueue<>(250);
        queue.offer(1_000, new ShelfReading("P1", 1_000, 5));
        queue.offer(900, new Sighting("t1", 900, 1, 1, 1, 1, 1, 1, 1, 1));
        queue.offer(1_000, new ShelfReading("P2", 1_000, 6));
        queue.offer(600, new ShelfReading("P1", 600, 5));
        queue.advanceTo(1_400);

        EventTimeQueue<Object> read = roundTrip(EventTimeQueue.codec(FusionState.INPUT), queue);

        assertEquals(queue.lateCount(), read.lateCount());
        assertEquals(queue.watermarkMillis(), read.watermarkMillis());
        List<Object> released = new ArrayList<>();
        while (read.hasReleasable()) {
            released.add(read.release());
        }
        List<Object> expected = new ArrayList<>();
        while (queue.hasReleasable()) {
            expected.add(queue.release());
        }
        assertEquals(expected, released);
        assertEquals(3, released.size());
    }
}
