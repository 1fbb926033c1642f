package io.aisle.fusion.engine;

import static io.aisle.fusion.testing.Replays.receiptOf;
import static io.aisle.fusion.testing.Replays.receipts;
import static io.aisle.fusion.testing.ScriptedSession.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.cart.ReviewEvidence;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.reading.ShelfReading;
import io.aisle.fusion.testing.Replays;
import io.aisle.fusion.testing.ScriptedSession;
import io.aisle.fusion.testing.TestStores;
import java.util.ArrayList;
import io.aisle.vision.observation.ShopperObservation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FusionEngineTest {

    private final StoreLayout store = TestStores.small();

    private FusionEngine engine() {
        return new FusionEngine(store, FusionSettings.defaults());
    }

    private ScriptedSession session() {
        return new ScriptedSession(store, 2.0, 42);
    }

    /** Both hands are in the tea plate when one unit leaves and both withdraw together. */
    private List<Object> ambiguousTeaPick() {
        return session().enter("a", 0, 2).enter("b", 100, 2).standAt("b", 2_500, 2, 0.3)
                .reach("a", "P2", 3_500, 4_150).reach("b", "P2", 3_500, 4_150).weight("P2", 4_000, -120)
                .exit("a", 9_000).exit("b", 9_400).render(11_000);
    }

    @Test
    void chargesShopperForTheItemTheyTook() {
        List<Object> inputs = session().enter("a", 0, 1).pick("a", "P1", 4_000, 350).exit("a", 9_000).render(11_000);

        Receipt receipt = receiptOf(receipts(engine(), inputs), "a");

        assertEquals(1, receipt.quantityOf("OATS"));
        assertEquals(1, receipt.lines().size());
        assertFalse(receipt.needsReview());
    }

    @Test
    void chargesNobodyWhenItemIsPutBackOnItsShelf() {
        List<Object> inputs = session().enter("a", 0, 1)
                .pick("a", "P1", 4_000, 350).put("a", "P1", 6_000, 350).exit("a", 10_000).render(12_000);

        Receipt receipt = receiptOf(receipts(engine(), inputs), "a");

        assertTrue(receipt.lines().isEmpty(), receipt.lines().toString());
        assertFalse(receipt.needsReview());
    }

    @Test
    void chargesEachShopperOnceWhenTwoPickFromTheSamePlateWithinASecond() {
        List<Object> inputs = session().enter("a", 0, 2).enter("b", 300, 2).standAt("b", 2_500, 2, 0.45)
                .pick("a", "P2", 4_000, 120).pick("b", "P2", 4_700, 120)
                .exit("a", 9_000).exit("b", 9_500).render(11_000);

        List<Receipt> receipts = receipts(engine(), inputs);

        assertEquals(1, receiptOf(receipts, "a").quantityOf("TEA"));
        assertEquals(1, receiptOf(receipts, "b").quantityOf("TEA"));
    }

    @Test
    void readsASameWeightPutBackFromWhatTheShopperHolds() {
        // Muesli weighs what oats weigh; put on the oats plate it can only be the muesli in the cart.
        FusionEngine engine = engine();
        List<Object> inputs = session().enter("a", 0, 3).pick("a", "P3", 4_000, 350)
                .standAt("a", 5_000, 1, 0).put("a", "P1", 7_000, 350).exit("a", 11_000).render(13_000);

        Receipt receipt = receiptOf(receipts(engine, inputs), "a");

        assertTrue(receipt.lines().isEmpty(), receipt.lines().toString());
        assertEquals(Map.of("MUESLI", 1, "OATS", 20), engine.findPlateContents("P1").orElseThrow());
    }

    @Test
    void chargesTheMisplacedProductToWhoeverPicksItLaterFromTheWrongPlate() {
        // a leaves tea (120 g) on the soup and crackers plate; b later takes 120 g from there.
        List<Object> inputs = session().enter("a", 0, 2).pick("a", "P2", 4_000, 120)
                .standAt("a", 5_000, 4, 0).put("a", "P4", 7_000, 120).exit("a", 11_000)
                .enter("b", 8_000, 4).pick("b", "P4", 12_000, 120).exit("b", 16_000).render(18_000);

        List<Receipt> receipts = receipts(engine(), inputs);

        assertTrue(receiptOf(receipts, "a").lines().isEmpty());
        assertEquals(1, receiptOf(receipts, "b").quantityOf("TEA"));
        assertEquals(1, receiptOf(receipts, "b").lines().size());
    }

    @Test
    void countsUnitsOfAMultiItemGrabOnAMixedPlate() {
        // 500 + 2 x 200 = 900 g: one soup and two crackers in one grab.
        List<Object> inputs = session().enter("a", 0, 4).pick("a", "P4", 4_000, 900).exit("a", 9_000).render(11_000);

        Receipt receipt = receiptOf(receipts(engine(), inputs), "a");

        assertEquals(1, receipt.quantityOf("SOUP"));
        assertEquals(2, receipt.quantityOf("CRACKERS"));
    }

    @Test
    void chargesNothingForLeaningOnAShelf() {
        List<Object> inputs = session().enter("a", 0, 1).reach("a", "P1", 3_500, 6_500)
                .press("P1", 3_600, 6_400, 640).exit("a", 10_000).render(12_000);

        FusionEngine engine = engine();
        Receipt receipt = receiptOf(receipts(engine, inputs), "a");

        assertTrue(receipt.lines().isEmpty(), receipt.lines().toString());
        assertEquals(0, engine.stats().weightEvents());
    }

    @Test
    void chargesNothingForATouchWithoutTaking() {
        List<Object> inputs = session().enter("a", 0, 2).reach("a", "P2", 3_500, 4_300)
                .press("P2", 3_600, 4_200, 15).exit("a", 8_000).render(10_000);

        Receipt receipt = receiptOf(receipts(engine(), inputs), "a");

        assertTrue(receipt.lines().isEmpty(), receipt.lines().toString());
    }

    @Test
    void ignoresSlowLoadCellDrift() {
        ScriptedSession drifting = session().drift("P1", 30).drift("P2", -30).drift("P3", 12).drift("P4", -12);
        List<Object> inputs = drifting.enter("a", 0, 2).pick("a", "P2", 150_000, 120).exit("a", 170_000).render(172_000);

        FusionEngine engine = engine();
        Receipt receipt = receiptOf(receipts(engine, inputs), "a");

        assertEquals(Map.of("TEA", 1), Map.of(receipt.lines().get(0).sku(), receipt.lines().get(0).quantity()));
        assertEquals(1, receipt.lines().size());
        assertEquals(0, engine.stats().unexplainedChanges());
    }

    @Test
    void attributesCorrectlyWhenTheConfiguredSkewMatchesTheCameraClock() {
        List<Object> inputs = session().skew(800).enter("a", 0, 1).enter("b", 200, 3)
                .pick("a", "P1", 4_000, 350).pick("b", "P3", 4_100, 350).exit("a", 9_000).exit("b", 9_500)
                .render(11_000);
        FusionEngine engine = new FusionEngine(store, FusionSettings.defaults().withObservationSkewMillis(800));

        List<Receipt> receipts = receipts(engine, inputs);

        assertEquals(1, receiptOf(receipts, "a").quantityOf("OATS"));
        assertEquals(1, receiptOf(receipts, "b").quantityOf("MUESLI"));
    }

    @Test
    void estimatesTheCameraClockSkewFromReachTiming() {
        long aligned = estimatedSkew(0);
        long skewed = estimatedSkew(300);

        assertEquals(300, skewed - aligned, 100);
    }

    private long estimatedSkew(long skewMillis) {
        ScriptedSession script = session().skew(skewMillis).enter("a", 0, 1);
        for (int i = 0; i < 5; i++) {
            script.pick("a", i % 2 == 0 ? "P1" : "P2", 4_000 + i * 2_000, i % 2 == 0 ? 350 : 120);
            script.standAt("a", 4_900 + i * 2_000, i % 2 == 0 ? 2 : 1, 0);
        }
        FusionEngine engine = engine();
        Replays.feed(engine, script.exit("a", 20_000).render(22_000));
        engine.finish();
        return engine.stats().estimatedSkewMillis();
    }

    @Test
    void waitsForAPendingWeightChangeBeforeIssuingTheReceipt() {
        // The shopper is seen in the exit zone while the plate they emptied is still settling.
        List<Object> inputs = session().enter("a", 0, 1).reach("a", "P1", 3_500, 4_150)
                .weight("P1", 4_000, -350).exit("a", 4_100).render(7_000);

        List<Receipt> receipts = receipts(engine(), inputs);

        Receipt receipt = receiptOf(receipts, "a");
        assertEquals(1, receipt.quantityOf("OATS"));
        assertTrue(receipt.issuedAtMillis() >= T0 + 4_150, "issued at " + (receipt.issuedAtMillis() - T0));
    }

    @Test
    void issuesTheReceiptWithinASecondOfExit() {
        List<Object> inputs = session().enter("a", 0, 1).pick("a", "P1", 4_000, 350).exit("a", 9_000).render(11_000);

        Receipt receipt = receiptOf(receipts(engine(), inputs), "a");

        assertTrue(receipt.issuedAtMillis() - receipt.exitMillis() <= 1_000,
                "latency " + (receipt.issuedAtMillis() - receipt.exitMillis()));
    }

    @Test
    void flagsAPickTwoShoppersCouldHaveMadeAndPutsItOnTheReceiptWithItsConfidence() {
        List<Object> inputs = ambiguousTeaPick();

        List<Receipt> receipts = receipts(engine(), inputs);

        Receipt a = receiptOf(receipts, "a");
        Receipt b = receiptOf(receipts, "b");
        assertEquals(1, a.quantityOf("TEA") + b.quantityOf("TEA"));
        Receipt charged = a.quantityOf("TEA") == 1 ? a : b;
        assertTrue(charged.needsReview());
        assertTrue(charged.lines().get(0).confidence() < 0.7, charged.lines().toString());
    }

    @Test
    void givesAFlaggedReceiptTheEvidenceOfItsDoubtfulPick() {
        List<Object> inputs = ambiguousTeaPick();

        List<Receipt> receipts = receipts(engine(), inputs);

        Receipt charged = receiptOf(receipts, "a").quantityOf("TEA") == 1 ? receiptOf(receipts, "a") : receiptOf(receipts, "b");
        assertEquals(1, charged.evidence().size());
        ReviewEvidence evidence = charged.evidence().get(0);
        assertEquals("P2", evidence.plateId());
        assertEquals(-120, evidence.weightChangeGrams(), 10);
        assertEquals(Map.of("TEA", 1), evidence.candidates().get(0).units());
        assertTrue(evidence.candidates().get(0).probability() > 0.5, evidence.candidates().toString());
        assertEquals(List.of("a", "b"), List.copyOf(evidence.shopperOdds().keySet()));
        assertEquals(1, evidence.shopperOdds().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    @Test
    void givesAReceiptNobodyNeedsToReviewNoEvidence() {
        List<Object> inputs = session().enter("a", 0, 1).pick("a", "P1", 3_000, 350).exit("a", 8_000).render(10_000);

        Receipt receipt = receiptOf(receipts(engine(), inputs), "a");

        assertFalse(receipt.needsReview());
        assertTrue(receipt.evidence().isEmpty());
    }

    @Test
    void aPutBackDecidesAnOpenPickForTheShopperWhoReturnsIt() {
        // a's hand is in the tea plate, b's just in front of it: a is likelier, not certain. b then
        // puts the tea back, so b was the one who had it.
        List<Object> inputs = session().enter("a", 0, 2).enter("b", 100, 2).standAt("b", 2_500, 2, 0.3)
                .reach("a", "P2", 3_500, 4_150).reachShort("b", "P2", 3_500, 4_150, 0.08).weight("P2", 4_000, -120)
                .standAt("a", 5_000, 1, 0).put("b", "P2", 7_000, 120)
                .exit("a", 11_000).exit("b", 11_400).render(13_000);

        FusionEngine engine = engine();
        List<Receipt> receipts = receipts(engine, inputs);

        assertTrue(receiptOf(receipts, "a").lines().isEmpty());
        assertFalse(receiptOf(receipts, "a").needsReview());
        assertTrue(receiptOf(receipts, "b").lines().isEmpty());
        assertEquals(1, engine.stats().resolvedHypotheses());
    }

    @Test
    void countsLateInputsAndIgnoresDuplicatesWithoutChangingTheReceipt() {
        List<Object> inputs = session().enter("a", 0, 1).pick("a", "P1", 4_000, 350).exit("a", 9_000).render(11_000);
        List<Object> noisy = new ArrayList<>();
        for (Object input : inputs) {
            noisy.add(input);
            if (input instanceof ShelfReading r && r.plateId().equals("P2")) {
                noisy.add(input);
            }
        }
        noisy.add(new ShelfReading("P3", T0 + 1_000, 12_345));

        FusionEngine engine = engine();
        Receipt receipt = receiptOf(receipts(engine, noisy), "a");

        assertEquals(1, receipt.quantityOf("OATS"));
        assertEquals(1, engine.stats().lateInputs());
        assertTrue(engine.stats().duplicateInputs() > 600);
    }

    @Test
    void toleratesInputsOutOfOrderWithinTheAllowedLateness() {
        List<Object> inputs = new ArrayList<>(session().enter("a", 0, 1).pick("a", "P1", 4_000, 350)
                .exit("a", 9_000).render(11_000));
        // Shuffle within blocks of 100 ms: every input is at most 100 ms out of place.
        Random random = new Random(7);
        List<Object> shuffled = new ArrayList<>();
        int from = 0;
        while (from < inputs.size()) {
            long blockStart = ScriptedSession.timestampOf(inputs.get(from));
            int to = from;
            while (to < inputs.size() && ScriptedSession.timestampOf(inputs.get(to)) < blockStart + 100) {
                to++;
            }
            List<Object> block = new ArrayList<>(inputs.subList(from, to));
            Collections.shuffle(block, random);
            shuffled.addAll(block);
            from = to;
        }

        FusionEngine engine = engine();
        Receipt receipt = receiptOf(receipts(engine, shuffled), "a");

        assertEquals(1, receipt.quantityOf("OATS"));
        assertEquals(0, engine.stats().lateInputs());
    }

    @Test
    void refusesAReadingOfAnUnknownPlateWithoutTouchingState() {
        FusionEngine engine = engine();
        byte[] before = engine.snapshot();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.accept(new ShelfReading("P9", T0, 1_000)));

        assertTrue(e.getMessage().contains("unknown plate 'P9'"), e.getMessage());
        assertArrayEquals(before, engine.snapshot());
    }

    @Test
    void refusesAWeightOutsideTheLoadCellRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine().accept(new ShelfReading("P1", T0, 70_000)));

        assertTrue(e.getMessage().contains("grams of plate 'P1'"), e.getMessage());
    }

    @Test
    void tellsSameWeightProductsApartOnPutBackByWhatTheUnitWeighedWhenTaken() {
        // Oats and muesli are both 350 g nominal; these packs weighed 354 g and 345 g. The 345 g pack
        // goes back onto the oats plate: it is the muesli, whatever the plate suggests.
        List<Object> inputs = session().enter("a", 0, 1).pick("a", "P1", 4_000, 354)
                .standAt("a", 5_000, 3, 0).pick("a", "P3", 7_000, 345)
                .standAt("a", 8_000, 1, 0).put("a", "P1", 10_000, 345).exit("a", 14_000).render(16_000);

        Receipt receipt = receiptOf(receipts(engine(), inputs), "a");

        assertEquals(1, receipt.quantityOf("OATS"));
        assertEquals(0, receipt.quantityOf("MUESLI"));
    }

    @Test
    void readsALeanThatWeighsLikeAnItemInTheCartAsALean() {
        // The shopper holds tea (120 g) and leans on the tea plate with about that force for 2 s.
        List<Object> inputs = session().enter("a", 0, 2).pick("a", "P2", 4_000, 120)
                .reach("a", "P2", 6_000, 8_200).press("P2", 6_100, 8_100, 121).exit("a", 12_000).render(14_000);

        Receipt receipt = receiptOf(receipts(engine(), inputs), "a");

        assertEquals(1, receipt.quantityOf("TEA"));
    }

    @Test
    void keepsTheCartOfAShopperWhoseTrackIdSwitches() {
        List<Object> inputs = session().enter("a", 0, 1).pick("a", "P1", 4_000, 350)
                .switchTrack("a", 5_000, "a-2").standAt("a", 5_500, 2, 0).pick("a", "P2", 7_000, 120)
                .exit("a", 11_000).render(13_000);

        List<Receipt> receipts = receipts(engine(), inputs);

        assertEquals(1, receipts.size());
        Receipt receipt = receiptOf(receipts, "a");
        assertEquals(List.of("a", "a-2"), receipt.trackIds());
        assertEquals(1, receipt.quantityOf("OATS"));
        assertEquals(1, receipt.quantityOf("TEA"));
        assertFalse(receipt.needsReview());
    }

    @Test
    void placesEachShopperInTheStoreAtTheirLastSightingAndForgetsThemWithTheirReceipt() {
        List<Object> inputs = session().enter("a", 0, 1).pick("a", "P1", 4_000, 350)
                .switchTrack("a", 5_000, "a-2").exit("a", 9_000).render(11_000);
        FusionEngine engine = engine();
        Replays.feed(engine, inputs.stream().filter(input -> timeOf(input) < T0 + 6_000).toList());
        ShopperObservation last = inputs.stream().filter(input -> input instanceof ShopperObservation)
                .map(input -> (ShopperObservation) input)
                .filter(observation -> observation.timestampMillis() <= engine.watermarkMillis())
                .reduce((first, second) -> second).orElseThrow();

        List<ShopperPosition> positions = engine.shopperPositions();

        assertEquals(1, positions.size());
        ShopperPosition a = positions.get(0);
        assertEquals("a", a.shopperId());
        assertEquals("a-2", a.trackId());
        assertEquals(last.timestampMillis(), a.seenAtMillis());
        assertEquals(last.position().xMeters(), a.xMeters(), 1e-9);
        assertEquals(last.position().yMeters(), a.yMeters(), 1e-9);

        Replays.feed(engine, inputs.stream().filter(input -> timeOf(input) >= T0 + 6_000).toList());
        engine.finish();
        assertEquals(List.of(), engine.shopperPositions());
    }

    private static long timeOf(Object input) {
        return input instanceof ShelfReading reading ? reading.timestampMillis() : ((ShopperObservation) input).timestampMillis();
    }

    @Test
    void ignoresATrackFirstSeenInTheExitZoneAfterItsShopperLeft() {
        List<Object> inputs = session().enter("a", 0, 1).pick("a", "P1", 4_000, 350)
                .exit("a", 9_000).switchTrack("a", 9_200, "a-2").render(11_000);

        List<Receipt> receipts = receipts(engine(), inputs);

        assertEquals(1, receipts.size());
        assertEquals(1, receiptOf(receipts, "a").quantityOf("OATS"));
    }

    @Test
    void movesASwitchedTrackToTheRightShopperWhenTheCompanionItWasLinkedToReappears() {
        // a steps onto b's spot as a's track switches, in the very frame the cameras lose b: the new
        // track is first linked to b. b's own track then shows up again, so it was a's.
        List<Object> inputs = session().enter("a", 0, 1).enter("b", 100, 1).standAt("b", 2_500, 1, 0.3)
                .standAt("a", 4_900, 1, 0).standAt("a", 5_067, 1, 0.3).hide("b", 5_001, 5_100)
                .switchTrack("a", 5_050, "a-2").pick("a", "P1", 7_000, 350)
                .standAt("a", 9_000, 1, 0.3).standAt("b", 9_000, 1, 0.3)
                .exit("a", 11_000).exit("b", 11_500).render(13_000);

        List<Receipt> receipts = receipts(engine(), inputs);

        assertEquals(2, receipts.size());
        assertEquals(List.of("a", "a-2"), receiptOf(receipts, "a").trackIds());
        assertEquals(1, receiptOf(receipts, "a").quantityOf("OATS"));
        assertTrue(receiptOf(receipts, "b").lines().isEmpty());
    }
}
