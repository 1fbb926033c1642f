package io.aisle.simulations.loadtest;

import io.aisle.client.RequestSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./aisle bench keepalive}: a fixed number of requests over a fixed number of kept-alive
 * connections, each a plain socket owned by one worker with one request in flight, so that a request
 * that stalls on a reused connection shows as one slow request instead of being hidden by a client
 * that retries or opens another connection. The requests alternate over the given endpoints (the
 * server's run: the bare ping and signed also-bought calls), every one signed afresh with its own nonce.
 *
 * <p>A connection is opened again only when the server closed it or a request on it failed; the report
 * counts those re-openings. Latency runs from writing the request to reading the last byte of its answer.
 */
public final class KeepAliveBenchmark {

    private static final byte[] NO_BODY = new byte[0];

    /**
     * @param requests requests measured, {@code >= 1}
     * @param warmupRequests requests sent first, on connections of their own, and not counted: a cold server's
     *                       compilation pauses are not what the run looks for
     * @param connections kept-alive connections, one worker each, {@code >= 1}
     * @param slowLimit a request that takes longer is counted as slow
     * @param requestTimeout a connection that answers nothing for this long fails the request
     * @param seed seed of the workers' query streams
     */
    public record Settings(long requests, long warmupRequests, int connections, Duration slowLimit, Duration requestTimeout, long seed) {

        public Settings {
            if (requests < 1) {
                throw new IllegalArgumentException("requests must be >= 1 but was " + requests);
            }
            if (warmupRequests < 0) {
                throw new IllegalArgumentException("warmupRequests must be >= 0 but was " + warmupRequests);
            }
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be >= 1 but was " + connections);
            }
            if (slowLimit.isNegative() || slowLimit.isZero()) {
                throw new IllegalArgumentException("slowLimit must be > 0 but was " + slowLimit);
            }
            if (requestTimeout.compareTo(slowLimit) <= 0) {
                throw new IllegalArgumentException("requestTimeout must be longer than slowLimit (" + slowLimit + ") but was "
                        + requestTimeout);
            }
        }

        /** The same settings with another number of measured requests. */
        public Settings withRequests(long count) {
            return new Settings(count, warmupRequests, connections, slowLimit, requestTimeout, seed);
        }
    }

    private KeepAliveBenchmark() {
    }

    /** Starts the server of {@code server}, sends ping and also-bought over the connections and stops it. */
    public static KeepAliveReport run(ServingUnderTest.Settings server, Settings settings, PrintStream progress)
            throws IOException, InterruptedException {
        try (ServingUnderTest running = ServingUnderTest.start(server, progress)) {
            List<LoadGenerator.Endpoint> mix = ServingBenchmark.endpoints(running.models().itemIds(), running.models().userIds())
                    .subList(0, 2);
            if (settings.warmupRequests() > 0) {
                progress.printf("warming up with %,d requests...%n", settings.warmupRequests());
                measure(running.base(), running.signer(), mix, settings.withRequests(settings.warmupRequests()));
            }
            progress.printf("sending %,d requests (ping and also-bought in turn) over %d kept-alive connections...%n",
                    settings.requests(), settings.connections());
            KeepAliveReport report = measure(running.base(), running.signer(), mix, settings);
            running.finish();
            return report;
        }
    }

    /** Sends {@code settings.requests()} requests cycling through {@code mix} to a running server. */
    public static KeepAliveReport measure(URI base, RequestSigner signer, List<LoadGenerator.Endpoint> mix, Settings settings) {
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("mix must name at least one endpoint");
        }
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        String host = base.getHost() + ":" + base.getPort();
        AtomicLong tickets = new AtomicLong();
        double loadBefore = loadAverage();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < settings.connections(); w++) {
            Worker worker = new Worker(address, host, signer, mix, settings, tickets, new SplittableRandom(settings.seed() * 1_000_003L + w));
            workers.add(worker);
            threads.add(LoadGenerator.startWorker(worker, "keepalive-" + w));
        }
        long elapsed = LoadGenerator.joinAll(threads) - start;
        LatencySummary latency = LatencyRecorder.merge(workers.stream().map(worker -> worker.recorder).toList(), elapsed);
        long reopened = workers.stream().mapToLong(worker -> worker.reopened).sum();
        long slow = workers.stream().mapToLong(worker -> worker.slow).sum();
        return new KeepAliveReport(settings.requests(), settings.connections(), latency, reopened, slow,
                settings.slowLimit().toNanos() / 1e6, Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One connection and the requests it sends; its counts are read after its thread has ended. */
    private static final class Worker implements Runnable {

        private final InetSocketAddress address;
        private final String host;
        private final RequestSigner signer;
        private final List<LoadGenerator.Endpoint> mix;
        private final long slowLimitNanos;
        private final int timeoutMillis;
        private final long requests;
        private final AtomicLong tickets;
        private final SplittableRandom random;
        private final LatencyRecorder recorder = new LatencyRecorder();
        private long reopened;
        private long slow;

        Worker(InetSocketAddress address, String host, RequestSigner signer, List<LoadGenerator.Endpoint> mix, Settings settings,
               AtomicLong tickets, SplittableRandom random) {
            this.address = address;
            this.host = host;
            this.signer = signer;
            this.mix = mix;
            this.slowLimitNanos = settings.slowLimit().toNanos();
            this.timeoutMillis = Math.toIntExact(settings.requestTimeout().toMillis());
            this.requests = settings.requests();
            this.tickets = tickets;
            this.random = random;
        }

        @Override
        public void run() {
            HttpConnection connection = null;
            boolean opened = false;
            try {
                for (long ticket = tickets.getAndIncrement(); ticket < requests; ticket = tickets.getAndIncrement()) {
                    LoadGenerator.Endpoint endpoint = mix.get((int) (ticket % mix.size()));
                    byte[] request = request(endpoint);
                    long sent = System.nanoTime();
                    try {
                        if (connection == null) {
                            if (opened) {
                                reopened++;
                            }
                            opened = true;
                            connection = HttpConnection.open(address, timeoutMillis);
                        }
                        HttpConnection.Answer answer = connection.exchange(request);
                        long latency = System.nanoTime() - sent;
                        if (latency > slowLimitNanos) {
                            slow++;
                        }
                        if (answer.status() / 100 == 2) {
                            recorder.record(latency);
                        } else {
                            recorder.recordError(answer.status() + " from " + endpoint.path());
                        }
                        if (!answer.keepsAlive()) {
                            connection.close();
                            connection = null;
                        }
                    } catch (IOException | RuntimeException failed) {
                        if (System.nanoTime() - sent > slowLimitNanos) {
                            slow++;
                        }
                        recorder.recordError(endpoint.path() + ": " + failed);
                        if (connection != null) {
                            connection.close();
                            connection = null;
                        }
                    }
                }
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }

        /** The request line and headers, signed now with a fresh nonce. */
        private byte[] request(LoadGenerator.Endpoint endpoint) {
            String query = endpoint.query().apply(random);
            Map<String, String> signed = signer.sign("GET", host, endpoint.path(), query, NO_BODY, Instant.now());
            StringBuilder text = new StringBuilder(512).append("GET ").append(endpoint.path());
            if (query != null) {
                text.append('?').append(query);
            }
            text.append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            signed.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
            return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
