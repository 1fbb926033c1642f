package io.aisle.fusion.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightInferenceTest {

    private final WeightInference inference = new WeightInference(4, 0.25, 5);

    @Test
    void solvesAMixedPlateAsASmallSubsetSum() {
        List<Candidate> plate = List.of(new Candidate("OATS", 350, 3, 10, 10), new Candidate("TEA", 120, 1.5, 4, 4));

        ItemEstimate best = inference.best(590, 1, plate).orElseThrow();

        assertEquals(Map.of("OATS", 1, "TEA", 2), best.units());
        assertTrue(best.posterior() > 0.99);
    }

    @Test
    void leavesAChangeNoProductExplainsUnexplained() {
        List<Candidate> plate = List.of(new Candidate("OATS", 350, 3, 10, 10));

        assertTrue(inference.infer(520, 1, plate).isEmpty());
    }

    @Test
    void splitsSameWeightProductsByHowManyOfEachAreOnThePlate() {
        List<Candidate> plate = List.of(new Candidate("OATS", 350, 3, 9, 9), new Candidate("MUESLI", 350, 3, 1, 1));

        List<ItemEstimate> estimates = inference.infer(350, 1, plate);

        assertEquals(Map.of("OATS", 1), estimates.get(0).units());
        assertEquals(0.9, estimates.get(0).posterior(), 0.01);
    }

    @Test
    void neverTakesMoreUnitsThanAreAvailable() {
        List<Candidate> plate = List.of(new Candidate("TEA", 120, 1.5, 2, 2));

        assertTrue(inference.infer(360, 1, plate).isEmpty());
    }
}
