package io.aisle.fusion.engine;

import static io.aisle.fusion.testing.Replays.receiptOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.reading.HandCrop;
import io.aisle.fusion.testing.Replays;
import io.aisle.fusion.testing.ScriptedSession;
import io.aisle.fusion.testing.TestStores;
import io.aisle.vision.recognition.ProductRecognizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecognizerEvidenceTest {

    private final StoreLayout store = TestStores.small();

    /** Reads the SKU straight out of the crop's bytes, as a perfect recognizer would see it. */
    private static final class LabelReadingRecognizer implements ProductRecognizer {
        final List<List<String>> asked = new ArrayList<>();

        @Override
        public Map<String, Double> classify(byte[] imageBytes, List<String> candidateSkus) {
            asked.add(candidateSkus);
            String seen = new String(imageBytes);
            Map<String, Double> probabilities = new LinkedHashMap<>();
            for (String sku : candidateSkus) {
                probabilities.put(sku, sku.equals(seen) ? 0.98 : 0.02 / (candidateSkus.size() - 1));
            }
            return probabilities;
        }
    }

    /** a leaves a pack of oats on the muesli plate (same weight); 20 s later b takes 350 g from it. */
    private List<Object> oatsLeftAmongMuesli() {
        List<Object> inputs = new ArrayList<>(new ScriptedSession(store, 2.0, 5).enter("a", 0, 1)
                .pick("a", "P1", 4_000, 350).standAt("a", 5_000, 3, 0).put("a", "P3", 7_000, 350).exit("a", 11_000)
                .enter("b", 20_000, 3).pick("b", "P3", 27_000, 350).exit("b", 31_000).render(33_000));
        int at = 0;
        while (ScriptedSession.timestampOf(inputs.get(at)) < ScriptedSession.T0 + 27_100) {
            at++;
        }
        inputs.add(at, new HandCrop("b", ScriptedSession.T0 + 27_100, "OATS".getBytes()));
        return inputs;
    }

    @Test
    void withoutARecognizerTheLikelierLookAlikeIsCharged() {
        FusionEngine engine = new FusionEngine(store, FusionSettings.defaults());
        List<Object> inputs = oatsLeftAmongMuesli();
        inputs.removeIf(HandCrop.class::isInstance);

        Receipt b = receiptOf(Replays.receipts(engine, inputs), "b");

        assertEquals(1, b.quantityOf("MUESLI"));
    }

    @Test
    void theRecognizerTellsTheMisplacedLookAlikeApart() {
        LabelReadingRecognizer recognizer = new LabelReadingRecognizer();
        FusionEngine engine = new FusionEngine(store, FusionSettings.defaults(), recognizer);

        Receipt b = receiptOf(Replays.receipts(engine, oatsLeftAmongMuesli()), "b");

        assertEquals(1, b.quantityOf("OATS"));
        assertEquals(0, b.quantityOf("MUESLI"));
        assertEquals(List.of(List.of("MUESLI", "OATS")), recognizer.asked);
    }
}
