package io.aisle.simulations.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code ./aisle bench serving} measured in one run.
 *
 * @param setup how the run was made (catalogue, models, mode, machine)
 * @param endpoints closed-loop results, the bare endpoint first
 * @param halfRate also-bought at half of its closed-loop rate, open loop
 * @param goals the goals, each met or not
 */
public record ServingBenchReport(Setup setup, List<EndpointResult> endpoints, HalfRate halfRate, Goals goals, List<String> notes) {

    public ServingBenchReport {
        Objects.requireNonNull(setup, "setup");
        endpoints = List.copyOf(endpoints);
        notes = List.copyOf(notes);
    }

    /**
     * @param loadAverageBefore the one-minute load average when measuring began (-1 when unknown)
     * @param loadAverageAfter the same when it ended
     */
    public record Setup(String mode, int connections, double warmupSeconds, double phaseSeconds, int items, int neighbours,
                        int factors, int users, String ranker, String models, int cores,
                        double loadAverageBefore, double loadAverageAfter) {

        public Setup withLoadAverages(double before, double after) {
            return new Setup(mode, connections, warmupSeconds, phaseSeconds, items, neighbours, factors, users, ranker, models,
                    cores, before, after);
        }
    }

    /** @param ratioToBare this endpoint's closed-loop rps over the bare endpoint's in the same run */
    public record EndpointResult(String endpoint, String path, LatencySummary latency, double ratioToBare) {
    }

    /** @param targetRequestsPerSecond half of also-bought's closed-loop rps */
    public record HalfRate(double targetRequestsPerSecond, LatencySummary latency) {
    }

    public record Goals(double alsoBoughtRatio, double alsoBoughtBar, boolean alsoBoughtRatioMet,
                        double alsoBoughtP99AtHalfRateMillis, boolean alsoBoughtP99AtHalfRateMet,
                        double forYouRatio, double forYouBar, boolean forYouRatioMet) {

        /** The goals' bars: with Redis every request pays a round trip that the embedded server does not. */
        public static Goals of(boolean redis, double alsoBoughtRatio, double halfRateP99, double forYouRatio) {
            double alsoBoughtBar = redis ? 0.6 : 0.8;
            double forYouBar = redis ? 0.4 : 0.5;
            return new Goals(alsoBoughtRatio, alsoBoughtBar, alsoBoughtRatio >= alsoBoughtBar, halfRateP99, halfRateP99 <= 5.0,
                    forYouRatio, forYouBar, forYouRatio >= forYouBar);
        }
    }

    /** Requests that failed in any phase; a run with failures measured something else. */
    public long errors() {
        return endpoints.stream().mapToLong(e -> e.latency().errors()).sum() + (halfRate == null ? 0 : halfRate.latency().errors());
    }

    /** A fixed-width table for the terminal. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "serving benchmark (%s): %d connections, %.0f s warm-up, %.0f s per phase, %,d items%n",
                setup.mode(), setup.connections(), setup.warmupSeconds(), setup.phaseSeconds(), setup.items()));
        out.append(String.format(Locale.ROOT, "%-22s %10s %9s %9s %9s %9s %9s %7s%n",
                "endpoint", "requests", "rps", "p50 ms", "p99 ms", "p99.9 ms", "x bare", "errors"));
        for (EndpointResult e : endpoints) {
            LatencySummary l = e.latency();
            out.append(String.format(Locale.ROOT, "%-22s %10d %9.0f %9.2f %9.2f %9.2f %9.2f %7d%n",
                    e.endpoint(), l.requests(), l.requestsPerSecond(), l.p50Millis(), l.p99Millis(), l.p999Millis(),
                    e.ratioToBare(), l.errors()));
        }
        if (halfRate != null) {
            LatencySummary l = halfRate.latency();
            out.append(String.format(Locale.ROOT, "%-22s %10d %9.0f %9.2f %9.2f %9.2f %9s %7d%n",
                    "also-bought @ half", l.requests(), l.requestsPerSecond(), l.p50Millis(), l.p99Millis(), l.p999Millis(),
                    "-", l.errors()));
        }
        if (goals != null) {
            out.append(String.format(Locale.ROOT, "goal also-bought >= %.1fx bare: %.2fx %s%n", goals.alsoBoughtBar(), goals.alsoBoughtRatio(),
                    goals.alsoBoughtRatioMet() ? "met" : "NOT met"));
            out.append(String.format(Locale.ROOT, "goal also-bought p99 <= 5 ms at half its max rate: %.2f ms %s%n",
                    goals.alsoBoughtP99AtHalfRateMillis(), goals.alsoBoughtP99AtHalfRateMet() ? "met" : "NOT met"));
            out.append(String.format(Locale.ROOT, "goal for-you >= %.1fx bare: %.2fx %s%n", goals.forYouBar(), goals.forYouRatio(),
                    goals.forYouRatioMet() ? "met" : "NOT met"));
        }
        out.append(String.format(Locale.ROOT, "machine: %d cores, load average %.1f before, %.1f after; ranker: %s%n",
                setup.cores(), setup.loadAverageBefore(), setup.loadAverageAfter(), setup.ranker()));
        notes.forEach(note -> out.append("note: ").append(note).append(System.lineSeparator()));
        return out.toString();
    }
}
