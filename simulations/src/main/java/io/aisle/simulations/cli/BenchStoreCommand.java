package io.aisle.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aisle.fusion.engine.FusionEngine;
import io.aisle.fusion.engine.FusionSettings;
import io.aisle.fusion.engine.FusionStats;
import io.aisle.fusion.layout.StoreLayout;
import io.aisle.simulations.store.FusionRun;
import io.aisle.simulations.store.GroundTruth;
import io.aisle.simulations.store.ReceiptScorer;
import io.aisle.simulations.store.StoreEventLog;
import io.aisle.simulations.store.StoreLayoutGenerator;
import io.aisle.simulations.store.StoreScenario;
import io.aisle.simulations.store.StoreScore;
import io.aisle.simulations.store.StoreSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./aisle bench store}: simulates a session (or replays a recorded log), fuses it and scores
 * the receipts; prints the JSON report and optionally writes it to a file.
 */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Simulate, fuse and score checkout-free store receipts.")
final class BenchStoreCommand implements Callable<Integer> {

    @Mixin
    StoreScenarioOptions scenarioOptions;

    @Option(names = "--log", description = "Replay this recorded event log instead of simulating.")
    Path log;

    @Option(names = "--report", description = "Also write the JSON report to this file.")
    Path report;

    @Override
    public Integer call() throws IOException {
        StoreLayout layout;
        GroundTruth truth;
        FusionRun run;
        String scenarioName;
        long skewMillis;
        if (log != null) {
            StoreEventLog.Replay replay = StoreEventLog.read(log);
            layout = replay.layout();
            skewMillis = replay.skewMillis();
            run = new FusionRun(new FusionEngine(layout, settings(replay.noiseGrams(), skewMillis)));
            replay.replay(run);
            truth = replay.truth();
            scenarioName = replay.scenario();
        } else {
            StoreScenario scenario = scenarioOptions.scenario();
            layout = StoreLayoutGenerator.generate("bench-" + scenario.name(), scenario.plates(),
                    scenario.mixedPlateRate(), scenarioOptions.seed);
            skewMillis = scenario.skewMillis();
            run = new FusionRun(new FusionEngine(layout, settings(scenario.noiseGrams(), skewMillis)));
            truth = new StoreSimulator(layout, scenario, scenarioOptions.seed).run(run);
            scenarioName = scenario.name();
        }
        run.finish();
        StoreScore score = ReceiptScorer.score(truth, run.receipts());
        FusionStats stats = run.stats();
        double engineSeconds = run.engineNanos() / 1e9;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", scenarioName);
        json.put("seed", scenarioOptions.seed);
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
        json.put("speed_x_realtime", round(truth.durationSeconds() / Math.max(engineSeconds, 1e-9)));
        json.put("engine_seconds", round(engineSeconds));
        json.put("readings", run.readings());
        json.put("observations", run.observations());
        json.put("true_lines", score.trueLines());
        json.put("issued_lines", score.issuedLines());
        json.put("correct_lines", score.correctLines());
        json.put("late_inputs", stats.lateInputs());
        json.put("duplicate_inputs", stats.duplicateInputs());
        json.put("weight_events", stats.weightEvents());
        json.put("unexplained_changes", stats.unexplainedChanges());
        json.put("open_hypotheses", stats.openHypotheses());
        json.put("resolved_hypotheses", stats.resolvedHypotheses());
        json.put("configured_skew_ms", skewMillis);
        json.put("estimated_residual_skew_ms", stats.estimatedSkewMillis());
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        System.out.println(text);
        if (report != null) {
            Files.writeString(report, text + System.lineSeparator());
        }
        return 0;
    }

    private static FusionSettings settings(double noiseGrams, long skewMillis) {
        return FusionSettings.defaults().withExpectedNoiseGrams(noiseGrams).withObservationSkewMillis(skewMillis);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
