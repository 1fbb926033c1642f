package io.aisle.simulations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.fusion.cart.Receipt;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.pipeline.StorePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBenchmarkTest {

    private static final StoreScenario STANDARD = StoreScenario.standard().withMinutes(2).withPlates(48);

    @TempDir
    Path dir;

    @Test
    void meetsTheStandardScenarioGoalsOnAShortSession() {
        StoreBenchmark.Result result = StoreBenchmark.simulate(STANDARD, 11);

        assertTrue(result.score().f1() >= 0.98, result.report().toString());
        assertTrue(result.score().exactReceiptRate() >= 0.9, result.report().toString());
        assertTrue(result.score().latencyP95Millis() <= 1_000, result.report().toString());
    }

    @Test
    void replayingARecordedLogGivesIdenticalReceiptsEveryTime() throws IOException {
        StoreLayout layout = StoreBenchmark.layoutFor(STANDARD, 12);
        Path log = dir.resolve("standard.log");
        try (StoreEventLog.Writer writer = StoreEventLog.create(log, layout, STANDARD.name(), 12,
                STANDARD.noiseGrams(), STANDARD.skewMillis())) {
            writer.close(new StoreSimulator(layout, STANDARD, 12).run(writer));
        }

        List<Receipt> first = replayReceipts(log);
        List<Receipt> second = replayReceipts(log);

        assertEquals(first, second);
        assertTrue(first.size() >= 3);
    }

    private static List<Receipt> replayReceipts(Path log) {
        StoreEventLog.Replay replay = StoreEventLog.read(log);
        FusionRun run = new FusionRun(new StorePipeline(replay.layout(),
                StoreBenchmark.settingsFor(replay.noiseGrams(), replay.skewMillis()), Optional.empty()));
        replay.replay(run);
        run.finish();
        return run.receipts();
    }

    @Test
    void reportsTheKeysTheIssueNames() {
        StoreBenchmark.Result result = StoreBenchmark.simulate(StoreScenario.standard().withMinutes(0.25).withPlates(16), 1);

        assertTrue(result.report().keySet().containsAll(List.of("exact_receipt_rate", "f1", "precision", "recall",
                "review_rate", "wrong_charge_rate", "receipt_latency_p95_ms", "speed_x_realtime")));
    }

    @Test
    void everyReceiptOfACrowdNamesItsShoppersAccountOrIsHeldForReview() {
        StoreBenchmark.Result result = StoreBenchmark.simulate(StoreScenario.crowd().withMinutes(1), 2);

        AccountScore accounts = result.accounts();
        assertEquals(result.score().receipts(), accounts.bound() + accounts.ambiguous() + accounts.unbound(),
                result.report().toString());
        assertEquals(accounts.bound(), accounts.correct(), result.report().toString());
        assertTrue(accounts.bound() > accounts.ambiguous() + accounts.unbound(), result.report().toString());
        assertEquals(1.0, (double) result.report().get("account_accuracy"), 1e-9);
    }
}
