package io.aisle.simulations.scaleout;

import io.aisle.client.RequestSigner;
import io.aisle.simulations.loadtest.LatencySummary;
import io.aisle.simulations.loadtest.LoadGenerator;
import io.aisle.simulations.loadtest.ServingBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signed storefront load (also-bought and for-you, closed loop) through the bed's HAProxy while replicas are killed
 * with SIGKILL and restarted on a schedule. Every failure the client sees counts: a non-2xx answer or a transport
 * error; HAProxy's retries on another replica are what should keep the count at 0.
 */
public final class StorefrontKillRun {

    public enum Action { KILL, RESTART }

    /** At {@code at} after the load started, kill or restart {@code replica}. */
    public record Step(Duration at, Action action, int replica) {

        public Step {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(action, "action");
            if (at.isNegative() || replica < 0) {
                throw new IllegalArgumentException("at must be >= 0 and replica >= 0 but were " + at + " and " + replica);
            }
        }
    }

    /**
     * @param requests successful requests the client saw
     * @param failed requests the client saw fail (goal 0)
     * @param firstFailure the first failure, or null
     * @param timeline what was done when, in seconds after the load started
     */
    public record Result(long requests, long failed, double seconds, double p99Millis, double maxMillis, String firstFailure,
                         List<String> timeline) {

        public Result {
            timeline = List.copyOf(timeline);
        }
    }

    private StorefrontKillRun() {
    }

    /** The bench's schedule: one replica killed, then another, then both restarted one after the other. */
    public static List<Step> killTwoThenRestart(Duration duration) {
        long s = duration.toSeconds();
        return List.of(new Step(Duration.ofSeconds(s / 6), Action.KILL, 0), new Step(Duration.ofSeconds(s / 3), Action.KILL, 1),
                new Step(Duration.ofSeconds(s * 5 / 12), Action.RESTART, 0), new Step(Duration.ofSeconds(s * 7 / 12), Action.RESTART, 1));
    }

    /** Runs {@code duration} of load with the steps applied on the way; the steps must fit in the duration. */
    public static Result run(ScaleOutBed bed, int connections, Duration duration, List<Step> steps, long seed, PrintStream progress)
            throws IOException, InterruptedException {
        for (Step step : steps) {
            if (step.at().compareTo(duration) >= 0 || step.replica() >= bed.replicaCount()) {
                throw new IllegalArgumentException("step " + step + " does not fit a run of " + duration + " on "
                        + bed.replicaCount() + " replicas");
            }
        }
        RequestSigner signer = new RequestSigner(bed.key().keyId(), bed.key().secret());
        LoadGenerator generator = new LoadGenerator(bed.base(), signer, connections, seed);
        List<LoadGenerator.Endpoint> storefront = ServingBenchmark.endpoints(bed.models().itemIds(), bed.models().userIds()).stream()
                .filter(e -> e.name().equals(ServingBenchmark.ALSO_BOUGHT) || e.name().equals(ServingBenchmark.FOR_YOU)).toList();
        AtomicReference<Map<String, LatencySummary>> measured = new AtomicReference<>();
        AtomicReference<RuntimeException> loadFailure = new AtomicReference<>();
        Thread load = new Thread(() -> {
            try {
                measured.set(generator.closedLoop(storefront, duration));
            } catch (RuntimeException e) {
                loadFailure.set(e);
            }
        }, "storefront-load");
        long start = System.nanoTime();
        load.start();
        List<String> timeline = new ArrayList<>();
        for (Step step : steps) {
            long wait = start + step.at().toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (step.action() == Action.KILL) {
                bed.kill(step.replica());
            } else {
                bed.restart(step.replica());
            }
            String line = String.format("%6.1f s  %s replica %d", (System.nanoTime() - start) / 1e9,
                    step.action() == Action.KILL ? "kill -9" : "restart", step.replica());
            timeline.add(line);
            progress.println(line);
        }
        load.join();
        if (loadFailure.get() != null) {
            throw loadFailure.get();
        }
        return summarize(measured.get().values(), timeline);
    }

    private static Result summarize(Collection<LatencySummary> endpoints, List<String> timeline) {
        long requests = 0;
        long failed = 0;
        double seconds = 0;
        double p99 = 0;
        double max = 0;
        String firstFailure = null;
        for (LatencySummary endpoint : endpoints) {
            requests += endpoint.requests();
            failed += endpoint.errors();
            seconds = Math.max(seconds, endpoint.seconds());
            // The endpoints run mixed on every worker, so the larger of the two p99s bounds the mix's.
            p99 = Math.max(p99, endpoint.p99Millis());
            max = Math.max(max, endpoint.maxMillis());
            if (firstFailure == null) {
                firstFailure = endpoint.firstError();
            }
        }
        return new Result(requests, failed, seconds, p99, max, firstFailure, timeline);
    }
}
