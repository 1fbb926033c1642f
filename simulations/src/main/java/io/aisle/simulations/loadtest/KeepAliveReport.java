package io.aisle.simulations.loadtest;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code ./aisle bench keepalive} measured.
 *
 * @param requests requests sent, answered or failed
 * @param connections kept-alive connections they were sent over
 * @param latency the 2xx answers' latencies; its errors count non-2xx answers and failed requests
 * @param reopenedConnections times a worker had to open its connection again (the server closed it, or a
 *                            request on it failed)
 * @param slowerThanLimit requests, answered or failed, that took longer than {@code slowLimitMillis}
 * @param cores the machine's cores, shared by the client, the server and anything else running
 * @param loadAverageBefore the one-minute load average when sending began (-1 when unknown)
 * @param loadAverageAfter the same when it ended
 */
public record KeepAliveReport(long requests, int connections, LatencySummary latency, long reopenedConnections,
                              long slowerThanLimit, double slowLimitMillis, int cores,
                              double loadAverageBefore, double loadAverageAfter) {

    public KeepAliveReport {
        Objects.requireNonNull(latency, "latency");
        if (latency.requests() + latency.errors() != requests) {
            throw new IllegalArgumentException("answered " + latency.requests() + " and failed " + latency.errors()
                    + " do not add up to the " + requests + " requests sent");
        }
    }

    /** Every request answered 2xx, none slower than the limit. */
    public boolean passed() {
        return latency.errors() == 0 && slowerThanLimit == 0;
    }

    /** The figures as the command prints them. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "requests            %,d over %d kept-alive connections%n", requests, connections));
        out.append(String.format(Locale.ROOT, "answered 2xx        %,d%n", latency.requests()));
        out.append(String.format(Locale.ROOT, "errors              %,d%s%n", latency.errors(),
                latency.firstError() == null ? "" : " (first: " + latency.firstError() + ")"));
        out.append(String.format(Locale.ROOT, "connections reopened %,d%n", reopenedConnections));
        out.append(String.format(Locale.ROOT, "slower than %s ms  %,d%n",
                BigDecimal.valueOf(slowLimitMillis).stripTrailingZeros().toPlainString(), slowerThanLimit));
        out.append(String.format(Locale.ROOT, "latency ms          p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", latency.p50Millis(),
                latency.p99Millis(), latency.p999Millis(), latency.maxMillis()));
        out.append(String.format(Locale.ROOT, "time taken          %.1f s (%,.0f rps)%n", latency.seconds(), requests / latency.seconds()));
        out.append(String.format(Locale.ROOT, "load average        %.1f before, %.1f after, on %d cores%n", loadAverageBefore,
                loadAverageAfter, cores));
        out.append(passed() ? "PASSED: no error, no request slower than the limit\n" : "FAILED\n");
        return out.toString();
    }
}
