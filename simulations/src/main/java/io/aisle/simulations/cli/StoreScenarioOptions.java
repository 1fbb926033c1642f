package io.aisle.simulations.cli;

import io.aisle.simulations.store.StoreScenario;
import picocli.CommandLine.Option;

/** The simulated store's knobs as flags, shared by {@code simulate store} and {@code bench store}. */
final class StoreScenarioOptions {

    /** The scenario names, as picocli validates them. */
    enum Scenario { standard, hard, crowd }

    @Option(names = "--scenario", defaultValue = "standard", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Scenario scenario;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed replays the same session (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--shoppers", description = "Most shoppers in the store at once (the scenario's minimum is kept when lower).")
    Integer shoppers;

    @Option(names = "--min-shoppers", description = "Fewest shoppers in the store at once.")
    Integer minShoppers;

    @Option(names = "--minutes", description = "Minutes during which shoppers arrive.")
    Double minutes;

    @Option(names = "--plates", description = "Number of weighed plates in the generated store.")
    Integer plates;

    @Option(names = "--max-items", description = "Most plates one shopper picks from.")
    Integer maxItems;

    @Option(names = "--put-back-rate", description = "Share of picked items put back.")
    Double putBackRate;

    @Option(names = "--misplaced-rate", description = "Share of picked items put back on another plate.")
    Double misplacedRate;

    @Option(names = "--same-weight-misplaced-rate", description = "Share of misplaced items put on a plate of the same weight.")
    Double sameWeightMisplacedRate;

    @Option(names = "--multi-grab-rate", description = "Share of picks taking 2 or 3 units at once.")
    Double multiGrabRate;

    @Option(names = "--hand-off-rate", description = "Share of picked items handed to a group companion.")
    Double handOffRate;

    @Option(names = "--group-rate", description = "Share of shoppers who come with a companion.")
    Double groupRate;

    @Option(names = "--contention-rate", description = "Share of a companion's visits where they reach into the same plate.")
    Double contentionRate;

    @Option(names = "--touch-rate", description = "Share of plate visits with a touch that takes nothing.")
    Double touchRate;

    @Option(names = "--lean-rate", description = "Share of plate visits with a lean on the shelf.")
    Double leanRate;

    @Option(names = "--mixed-plate-rate", description = "Share of plates holding two products.")
    Double mixedPlateRate;

    @Option(names = "--noise-grams", description = "Load-cell noise, one sample's standard deviation in grams.")
    Double noiseGrams;

    @Option(names = "--drift-grams-per-minute", description = "Largest load-cell drift rate.")
    Double driftGramsPerMinute;

    @Option(names = "--skew-ms", description = "How far the observation clock runs ahead of the shelf clock.")
    Long skewMillis;

    @Option(names = "--position-noise-m", description = "Floor-position noise of observations in meters.")
    Double positionNoise;

    @Option(names = "--wrist-noise-m", description = "Wrist-position noise of observations in meters.")
    Double wristNoise;

    @Option(names = "--drop-rate", description = "Share of observation frames (and wrists) lost.")
    Double dropRate;

    @Option(names = "--id-switches-per-minute", description = "Track identity switches per shopper-minute.")
    Double idSwitches;

    StoreScenario scenario() {
        StoreScenario b = StoreScenario.named(scenario.name());
        int max = shoppers != null ? shoppers : b.maxShoppers();
        int min = minShoppers != null ? minShoppers : Math.min(b.minShoppers(), max);
        return new StoreScenario(b.name(), min, max, or(minutes, b.minutes()), or(plates, b.plates()),
                or(maxItems, b.maxItemsPerShopper()), or(putBackRate, b.putBackRate()), or(misplacedRate, b.misplacedRate()),
                or(sameWeightMisplacedRate, b.sameWeightMisplacedRate()), or(multiGrabRate, b.multiGrabRate()),
                or(handOffRate, b.handOffRate()), or(groupRate, b.groupRate()), or(contentionRate, b.contentionRate()),
                or(touchRate, b.touchRate()), or(leanRate, b.leanRate()), or(mixedPlateRate, b.mixedPlateRate()),
                or(noiseGrams, b.noiseGrams()), or(driftGramsPerMinute, b.driftGramsPerMinute()),
                or(skewMillis, b.skewMillis()), or(positionNoise, b.positionNoiseMeters()),
                or(wristNoise, b.wristNoiseMeters()), or(dropRate, b.dropRate()), or(idSwitches, b.idSwitchesPerMinute()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
