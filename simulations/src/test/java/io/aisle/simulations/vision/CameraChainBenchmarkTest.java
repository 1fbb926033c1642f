package io.aisle.simulations.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.simulations.store.StoreScenario;
import org.junit.jupiter.api.Test;

class CameraChainBenchmarkTest {

    /** A few shoppers for a few dozen seconds of store time. */
    private static final StoreScenario FEW_SHOPPERS = StoreScenario.standard().withShoppers(1, 3).withMinutes(0.4)
            .withPlates(48);

    @Test
    void receiptsFromCamerasMatchTheGroundTruth() {
        CameraChainBenchmark.Result result = CameraChainBenchmark.run(FEW_SHOPPERS, 3,
                CameraChainBenchmark.Options.defaults(false));

        assertTrue(result.score().trueLines() > 0, result.report().toString());
        assertEquals(1.0, result.score().f1(), 1e-9, result.report().toString());
        assertEquals(1.0, result.score().exactReceiptRate(), 1e-9, result.report().toString());
        assertTrue(result.tracking().idf1() >= 0.95, result.report().toString());
    }

    @Test
    void productRecognizerTellsLookAlikeProductsApartWhereWeightCannot() {
        StoreScenario lookalike = LookalikeStore.scenario().withPlates(12).withShoppers(1, 2).withMinutes(0.5);
        CameraChainBenchmark.Options vision = new CameraChainBenchmark.Options(true,
                StoreCameraSimulator.Noise.typical(), 60, 5, false);

        // Seed 5's session has a grab of several units from a plate of two look-alikes, which the
        // engine charges as a mix whatever the recognizer says (a limit of SKU inference, not of vision).
        CameraChainBenchmark.Result withVision = CameraChainBenchmark.run(lookalike, 6, vision);
        CameraChainBenchmark.Result weightOnly = CameraChainBenchmark.run(lookalike, 6,
                CameraChainBenchmark.Options.defaults(false));

        assertTrue(withVision.recognizer().calls() > 0, withVision.report().toString());
        assertTrue(withVision.score().f1() >= 0.75, withVision.report().toString());
        assertTrue(withVision.score().f1() > weightOnly.score().f1() + 0.2,
                withVision.score().f1() + " vs " + weightOnly.score().f1());
    }
}
