package io.aisle.fusion.engine;

import static io.aisle.fusion.testing.Replays.receiptOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.testing.LabelReadingRecognizer;
import io.aisle.fusion.testing.Replays;
import io.aisle.fusion.testing.ScriptedSession;
import io.aisle.fusion.testing.TestStores;
import io.aisle.vision.tracking.TrackedHandCrop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecognizerEvidenceTest {

    private final StoreLayout store = TestStores.small();
    private final StoreLayout lookalikes = TestStores.lookalikes();

    /** a leaves a pack of oats on the muesli plate (same weight); 20 s later b takes 350 g from it. */
    private List<Object> oatsLeftAmongMuesli() {
        return new ScriptedSession(store, 2.0, 5).enter("a", 0, 1)
                .pick("a", "P1", 4_000, 350).standAt("a", 5_000, 3, 0).put("a", "P3", 7_000, 350).exit("a", 11_000)
                .enter("b", 20_000, 3).pick("b", "P3", 27_000, 350).handCrop("b", 27_100, "OATS").exit("b", 31_000)
                .render(33_000);
    }

    /** a takes {@code grams} from the lemon / lime plate at 4 s; a camera sees the hand with each label in turn. */
    private List<Object> grabFromLemonLimePlate(double grams, String... cropLabels) {
        ScriptedSession session = new ScriptedSession(lookalikes, 2.0, 11).enter("a", 0, 1)
                .pick("a", "P1", 4_000, grams);
        for (int i = 0; i < cropLabels.length; i++) {
            session.handCrop("a", 3_800 + 100L * i, cropLabels[i]);
        }
        return session.exit("a", 9_000).render(11_000);
    }

    @Test
    void withoutARecognizerTheLikelierLookAlikeIsCharged() {
        FusionEngine engine = new FusionEngine(store, FusionSettings.defaults());
        List<Object> inputs = new ArrayList<>(oatsLeftAmongMuesli());
        inputs.removeIf(TrackedHandCrop.class::isInstance);

        Receipt b = receiptOf(Replays.receipts(engine, inputs), "b");

        assertEquals(1, b.quantityOf("MUESLI"));
    }

    @Test
    void theRecognizerTellsTheMisplacedLookAlikeApart() {
        LabelReadingRecognizer recognizer = LabelReadingRecognizer.sure();
        FusionEngine engine = new FusionEngine(store, FusionSettings.defaults(), recognizer);

        Receipt b = receiptOf(Replays.receipts(engine, oatsLeftAmongMuesli()), "b");

        assertEquals(1, b.quantityOf("OATS"));
        assertEquals(0, b.quantityOf("MUESLI"));
        assertEquals(List.of(List.of("MUESLI", "OATS")), recognizer.asked());
    }

    @Test
    void chargesTheLookAlikeTheCropsShowOverTheOneTheWeightFavours() {
        FusionEngine engine = new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.sure());

        Receipt a = receiptOf(Replays.receipts(engine, grabFromLemonLimePlate(330, "LIME", "LIME", "LIME")), "a");

        assertEquals(1, a.quantityOf("LIME"));
        assertEquals(0, a.quantityOf("LEMON"));
        assertFalse(a.needsReview(), a.reviewReasons().toString());
    }

    @Test
    void chargesAMixedTwoUnitGrabOfLookAlikesAsOneOfEach() {
        FusionEngine engine = new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.sure());

        Receipt a = receiptOf(Replays.receipts(engine,
                grabFromLemonLimePlate(661, "LEMON", "LIME", "LEMON", "LIME")), "a");

        assertEquals(1, a.quantityOf("LEMON"));
        assertEquals(1, a.quantityOf("LIME"));
    }

    @Test
    void chargesATwoUnitGrabOfOneLookAlikeAsTwoOfItNotAsAMix() {
        FusionEngine engine = new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.sure());

        Receipt a = receiptOf(Replays.receipts(engine, grabFromLemonLimePlate(662, "LIME", "LIME", "LIME")), "a");

        assertEquals(2, a.quantityOf("LIME"));
        assertEquals(0, a.quantityOf("LEMON"));
    }

    @Test
    void creditsAPutBackOntoTheWrongPlateAsTheLookAlikeTheCropsShow() {
        FusionEngine engine = new FusionEngine(store, FusionSettings.defaults(), LabelReadingRecognizer.sure());
        // Oats and muesli weigh the same; the put-back lands on the muesli plate, where muesli would be expected.
        List<Object> inputs = new ScriptedSession(store, 2.0, 7).enter("a", 0, 1)
                .pick("a", "P1", 4_000, 350).standAt("a", 4_500, 1, 0).standAt("a", 6_000, 3, 0)
                .pick("a", "P3", 8_000, 350).put("a", "P3", 12_000, 350)
                .handCrop("a", 11_900, "OATS").handCrop("a", 12_000, "OATS").handCrop("a", 12_100, "OATS")
                .exit("a", 17_000).render(19_000);

        Receipt a = receiptOf(Replays.receipts(engine, inputs), "a");

        assertEquals(1, a.quantityOf("MUESLI"));
        assertEquals(0, a.quantityOf("OATS"));
        assertEquals(1, engine.findPlateContents("P3").orElseThrow().getOrDefault("OATS", 0));
    }

    @Test
    void anUnsureRecognizerLeavesTheLookAlikePickForReview() {
        FusionEngine engine = new FusionEngine(lookalikes, FusionSettings.defaults(), LabelReadingRecognizer.unsure());

        Receipt a = receiptOf(Replays.receipts(engine, grabFromLemonLimePlate(330, "LIME", "LIME", "LIME")), "a");

        assertEquals(1, a.quantityOf("LEMON") + a.quantityOf("LIME"));
        assertTrue(a.needsReview());
        assertTrue(a.reviewReasons().contains("a line is below the confidence threshold"), a.reviewReasons().toString());
    }
}
