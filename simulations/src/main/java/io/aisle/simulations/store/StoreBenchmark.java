package io.aisle.simulations.store;

import io.aisle.fusion.engine.FusionSettings;
import io.aisle.fusion.engine.FusionStats;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.fusion.pipeline.StorePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Simulates (or replays) a store session, fuses it and scores the receipts.
 *
 * <p>The engine is configured with the session's load-cell noise and its camera clock skew (the
 * skew is "configured"; the engine's own estimate is reported next to it). Speed is the simulated
 * duration over the engine's CPU time on the one thread that runs it, the simulator's time
 * excluded (see {@link FusionRun}); the wall-clock figure is reported too.
 */
public final class StoreBenchmark {

    private StoreBenchmark() {
    }

    /** The outcome of one benchmark run. */
    public record Result(String scenario, long seed, StoreLayout layout, GroundTruth truth, StoreScore score,
                         FusionStats stats, long engineNanos, long engineWallNanos, long readings, long observations,
                         long skewMillis, AccountScore accounts, long entries) {

        public double speedTimesRealTime() {
            return truth.durationSeconds() / Math.max(engineNanos / 1e9, 1e-9);
        }

        /** The JSON report, keys in a stable order. */
        public Map<String, Object> report() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("scenario", scenario);
            json.put("seed", seed);
            json.put("plates", layout.plates().size());
            json.put("shoppers", score.shoppers());
            json.put("simulated_seconds", round(truth.durationSeconds()));
            json.put("exact_receipt_rate", round(score.exactReceiptRate()));
            json.put("f1", round(score.f1()));
            json.put("precision", round(score.precision()));
            json.put("recall", round(score.recall()));
            json.put("review_rate", round(score.reviewRate()));
            json.put("wrong_charge_rate", round(score.wrongChargeRate()));
            json.put("receipt_latency_p50_ms", score.latencyP50Millis());
            json.put("receipt_latency_p95_ms", score.latencyP95Millis());
            json.put("speed_x_realtime", round(speedTimesRealTime()));
            json.put("speed_x_realtime_wall", round(truth.durationSeconds() / Math.max(engineWallNanos / 1e9, 1e-9)));
            json.put("engine_cpu_seconds", round(engineNanos / 1e9));
            json.put("readings", readings);
            json.put("observations", observations);
            json.put("true_lines", score.trueLines());
            json.put("issued_lines", score.issuedLines());
            json.put("correct_lines", score.correctLines());
            json.put("receipts_issued", stats.receiptsIssued());
            json.put("late_inputs", stats.lateInputs());
            json.put("duplicate_inputs", stats.duplicateInputs());
            json.put("weight_events", stats.weightEvents());
            json.put("unexplained_changes", stats.unexplainedChanges());
            json.put("open_hypotheses", stats.openHypotheses());
            json.put("resolved_hypotheses", stats.resolvedHypotheses());
            json.put("entries", entries);
            json.put("receipts_bound", accounts.bound());
            json.put("receipts_ambiguous_entry", accounts.ambiguous());
            json.put("receipts_unbound", accounts.unbound());
            json.put("account_accuracy", round(accounts.accuracy()));
            json.put("account_held_share", round(accounts.heldShare(score.receipts())));
            json.put("configured_skew_ms", skewMillis);
            json.put("estimated_skew_offset_ms", stats.estimatedSkewMillis());
            return json;
        }

        private static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }

    /** The engine settings a session with this noise and skew is fused with. */
    public static FusionSettings settingsFor(double noiseGrams, long skewMillis) {
        return FusionSettings.defaults().withExpectedNoiseGrams(noiseGrams).withObservationSkewMillis(skewMillis);
    }

    /** The store a scenario runs in: generated from the scenario's plate count and the seed. */
    public static StoreLayout layoutFor(StoreScenario scenario, long seed) {
        return StoreLayoutGenerator.generate("sim-" + scenario.name(), scenario.plates(), scenario.mixedPlateRate(), seed);
    }

    public static Result simulate(StoreScenario scenario, long seed) {
        StoreLayout layout = layoutFor(scenario, seed);
        FusionRun run = new FusionRun(new StorePipeline(layout, settingsFor(scenario.noiseGrams(), scenario.skewMillis()),
                Optional.empty()));
        GroundTruth truth = new StoreSimulator(layout, scenario, seed).run(run);
        return finish(scenario.name(), seed, layout, truth, run, scenario.skewMillis());
    }

    public static Result replay(Path log) throws IOException {
        StoreEventLog.Replay replay = StoreEventLog.read(log);
        FusionRun run = new FusionRun(new StorePipeline(replay.layout(),
                settingsFor(replay.noiseGrams(), replay.skewMillis()), Optional.empty()));
        replay.replay(run);
        return finish(replay.scenario(), replay.seed(), replay.layout(), replay.truth(), run, replay.skewMillis());
    }

    private static Result finish(String scenario, long seed, StoreLayout layout, GroundTruth truth, FusionRun run,
                                 long skewMillis) {
        run.finish();
        return new Result(scenario, seed, layout, truth, ReceiptScorer.score(truth, run.receipts()), run.stats(),
                run.engineNanos(), run.engineWallNanos(), run.readings(), run.observations(), skewMillis,
                AccountScore.score(truth, run.receipts()), run.entries());
    }
}
