package io.aisle.simulations.loadtest;

import io.aisle.client.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Drives signed GET requests at a server over HTTP/1.1 with the JDK client: {@code connections}
 * worker threads, each with at most one request in flight, so at most {@code connections} keep-alive
 * connections are open. Every request is signed, the public ones too, so each endpoint pays the same
 * client-side cost and the ratios compare server work.
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@link #closedLoop}: each worker sends its next request as soon as the previous answer has
 *       been read; the rate found is the maximum the client, the server and the machine reach together.</li>
 *   <li>{@link #openLoop}: requests are due at a fixed rate whatever the answers do, and each latency is
 *       measured from the moment the request was due, not from when a worker got to send it, so a
 *       stall shows up in the tail instead of silently lowering the rate (coordinated omission).</li>
 * </ul>
 *
 * <p>Thread-safe for one phase at a time; phases run one after the other.
 */
public final class LoadGenerator {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] NO_BODY = new byte[0];

    /**
     * One endpoint to drive.
     *
     * @param name report name
     * @param path raw path, for example {@code /v1/ping}
     * @param query the raw query of the next request from a worker's own random stream, or null for none
     */
    public record Endpoint(String name, String path, Function<SplittableRandom, String> query) {

        public Endpoint {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(query, "query");
        }
    }

    private final URI base;
    private final String host;
    private final RequestSigner signer;
    private final int connections;
    private final long seed;
    private final HttpClient client;
    private final AtomicLong phases = new AtomicLong();

    /**
     * @param base scheme, host and port, for example {@code http://127.0.0.1:8080}
     * @param connections worker threads, {@code >= 1}
     * @param seed seed of the workers' query streams
     */
    public LoadGenerator(URI base, RequestSigner signer, int connections, long seed) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1 but was " + connections);
        }
        this.base = Objects.requireNonNull(base, "base");
        this.host = base.getHost() + ":" + base.getPort();
        this.signer = Objects.requireNonNull(signer, "signer");
        this.connections = connections;
        this.seed = seed;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT).build();
    }

    /**
     * Every worker cycles through {@code mix} for {@code duration}, one request in flight each.
     *
     * @return a summary per endpoint name, in {@code mix} order
     */
    public Map<String, LatencySummary> closedLoop(List<Endpoint> mix, Duration duration) {
        List<List<LatencyRecorder>> perEndpoint = new ArrayList<>();
        mix.forEach(endpoint -> perEndpoint.add(new ArrayList<>()));
        long elapsed = runClosedLoop(mix, positive(duration), perEndpoint);
        Map<String, LatencySummary> out = new LinkedHashMap<>();
        for (int e = 0; e < mix.size(); e++) {
            out.put(mix.get(e).name(), LatencyRecorder.merge(perEndpoint.get(e), elapsed));
        }
        return out;
    }

    /**
     * Measures each endpoint alone, closed loop, for {@code perEndpoint} in total, in turns of
     * {@code slice}: A, B, C, A, B, C, ... A change in background load on a shared machine then
     * falls on every endpoint alike instead of on whichever phase it happened to meet, so the ratios
     * between endpoints stay comparable.
     *
     * @return a summary per endpoint name, in {@code endpoints} order, over all of its turns
     */
    public Map<String, LatencySummary> alternating(List<Endpoint> endpoints, Duration perEndpoint, Duration slice) {
        long total = positive(perEndpoint);
        long turn = positive(slice);
        List<List<LatencyRecorder>> recorders = new ArrayList<>();
        long[] elapsed = new long[endpoints.size()];
        endpoints.forEach(endpoint -> recorders.add(new ArrayList<>()));
        for (long done = 0; done < total; done += turn) {
            long length = Math.min(turn, total - done);
            for (int e = 0; e < endpoints.size(); e++) {
                elapsed[e] += runClosedLoop(List.of(endpoints.get(e)), length, List.of(recorders.get(e)));
            }
        }
        Map<String, LatencySummary> out = new LinkedHashMap<>();
        for (int e = 0; e < endpoints.size(); e++) {
            out.put(endpoints.get(e).name(), LatencyRecorder.merge(recorders.get(e), elapsed[e]));
        }
        return out;
    }

    /** Runs the workers for {@code durationNanos}, adding one recorder per worker to each endpoint's list; returns the elapsed nanos. */
    private long runClosedLoop(List<Endpoint> mix, long durationNanos, List<List<LatencyRecorder>> perEndpoint) {
        long phase = phases.getAndIncrement();
        long start = System.nanoTime();
        long deadline = start + durationNanos;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            List<LatencyRecorder> recorders = new ArrayList<>();
            for (List<LatencyRecorder> list : perEndpoint) {
                LatencyRecorder recorder = new LatencyRecorder();
                list.add(recorder);
                recorders.add(recorder);
            }
            SplittableRandom random = workerRandom(phase, w);
            int offset = w % mix.size();
            workers.add(startWorker(() -> {
                for (long n = offset; System.nanoTime() < deadline; n++) {
                    int e = (int) (n % mix.size());
                    long sent = System.nanoTime();
                    send(mix.get(e), random, recorders.get(e), sent);
                }
            }, "load-" + w));
        }
        return joinAll(workers) - start;
    }

    /** Each phase and worker draws its own query stream, all derived from the seed. */
    private SplittableRandom workerRandom(long phase, int worker) {
        return new SplittableRandom(seed * 1_000_003L + phase * 10_007L + worker);
    }

    /**
     * Sends {@code endpoint} at {@code requestsPerSecond} for {@code duration}; latencies count from each
     * request's due time. When the server cannot keep up, the backlog shows as growing latencies.
     */
    public LatencySummary openLoop(Endpoint endpoint, double requestsPerSecond, Duration duration) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0 but was " + requestsPerSecond);
        }
        long durationNanos = positive(duration);
        double intervalNanos = 1e9 / requestsPerSecond;
        long due = (long) Math.ceil(durationNanos / intervalNanos);
        AtomicLong tickets = new AtomicLong();
        long phase = phases.getAndIncrement();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < connections; w++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            SplittableRandom random = workerRandom(phase, w);
            workers.add(startWorker(() -> {
                for (long ticket = tickets.getAndIncrement(); ticket < due; ticket = tickets.getAndIncrement()) {
                    long dueAt = start + (long) (ticket * intervalNanos);
                    for (long wait = dueAt - System.nanoTime(); wait > 0; wait = dueAt - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    send(endpoint, random, recorder, dueAt);
                }
            }, "paced-" + w));
        }
        joinAll(workers);
        // The rate is what was asked for over the planned length; a late finish is latency, not a lower rate.
        return LatencyRecorder.merge(recorders, durationNanos);
    }

    private void send(Endpoint endpoint, SplittableRandom random, LatencyRecorder recorder, long startNanos) {
        String query = endpoint.query().apply(random);
        Map<String, String> headers = signer.sign("GET", host, endpoint.path(), query, NO_BODY, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(query == null ? endpoint.path() : endpoint.path() + "?" + query))
                .timeout(REQUEST_TIMEOUT).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long latency = System.nanoTime() - startNanos;
            if (response.statusCode() / 100 == 2) {
                recorder.record(latency);
            } else {
                String body = new String(response.body(), StandardCharsets.UTF_8);
                recorder.recordError(response.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
            }
        } catch (IOException e) {
            recorder.recordError(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.recordError("interrupted");
        }
    }

    /** Waits for every worker and returns the time the last one finished. */
    static long joinAll(List<Thread> workers) {
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the load workers ran", e);
            }
        }
        return System.nanoTime();
    }

    private static long positive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be > 0 but was " + duration);
        }
        return duration.toNanos();
    }

    static Thread startWorker(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
