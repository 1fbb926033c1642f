package io.aisle.simulations.scaleout;

import io.aisle.client.RequestSigner;
import io.aisle.simulations.loadtest.LatencySummary;
import io.aisle.simulations.loadtest.LoadGenerator;
import io.aisle.simulations.loadtest.ServingBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
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
        Killer killer = new Killer(bed, progress);
        Load load = start(bed, connections, duration, seed);
        for (Step step : steps) {
            killer.sleepUntil(step.at());
            if (step.action() == Action.KILL) {
                killer.kill(step.replica());
                killer.log("kill -9 replica " + step.replica());
            } else {
                killer.restart(step.replica());
                killer.log("restart replica " + step.replica());
            }
        }
        return finish(load, killer);
    }

    /** The load running on its own thread; {@link #finish} waits for it. */
    public static final class Load {

        private final Thread thread;
        private final AtomicReference<Map<String, LatencySummary>> measured = new AtomicReference<>();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        private Load(LoadGenerator generator, List<LoadGenerator.Endpoint> storefront, Duration duration) {
            thread = new Thread(() -> {
                try {
                    measured.set(generator.closedLoop(storefront, duration));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "storefront-load");
        }
    }

    /** Starts {@code duration} of load and returns at once; whoever holds it kills replicas meanwhile. */
    public static Load start(ScaleOutBed bed, int connections, Duration duration, long seed) {
        RequestSigner signer = new RequestSigner(bed.key().keyId(), bed.key().secret());
        LoadGenerator generator = new LoadGenerator(bed.base(), signer, connections, seed);
        List<LoadGenerator.Endpoint> storefront = ServingBenchmark.endpoints(bed.models().itemIds(), bed.models().userIds()).stream()
                .filter(e -> e.name().equals(ServingBenchmark.ALSO_BOUGHT) || e.name().equals(ServingBenchmark.FOR_YOU)).toList();
        Load load = new Load(generator, storefront, duration);
        load.thread.start();
        return load;
    }

    /** Waits for the load to end and measures it; the killer's timeline says what was done meanwhile. */
    public static Result finish(Load load, Killer killer) throws InterruptedException {
        load.thread.join();
        if (load.failure.get() != null) {
            throw load.failure.get();
        }
        return summarize(load.measured.get().values(), killer.timeline());
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
