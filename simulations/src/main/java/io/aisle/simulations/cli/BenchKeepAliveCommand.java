package io.aisle.simulations.cli;

import io.aisle.simulations.loadtest.KeepAliveBenchmark;
import io.aisle.simulations.loadtest.KeepAliveReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./aisle bench keepalive}: starts the server as {@code bench serving} does, sends a fixed number
 * of signed ping and also-bought requests over a fixed number of kept-alive connections and prints the
 * requests, errors, re-opened connections, the slow ones and the latency percentiles. Exit code 1 when
 * any request failed or took longer than {@code --slow-limit}.
 */
@Command(name = "keepalive", mixinStandardHelpOptions = true,
        description = "Send many requests over a few kept-alive connections; fail on any error or slow request.")
final class BenchKeepAliveCommand implements Callable<Integer> {

    @Option(names = "--requests", defaultValue = "1000000", description = "Requests in all (default ${DEFAULT-VALUE}).")
    long requests;

    @Option(names = "--warmup-requests", defaultValue = "20000", description = "Requests sent first and not counted, so that the server is compiled (default ${DEFAULT-VALUE}).")
    long warmupRequests;

    @Option(names = "--connections", defaultValue = "16", description = "Kept-alive connections, one request in flight each (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--slow-limit", defaultValue = "1s", description = "A request taking longer counts as slow and fails the run (default ${DEFAULT-VALUE}).")
    String slowLimit;

    @Option(names = "--timeout", defaultValue = "10s", description = "A connection silent this long fails its request (default ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    ServingBenchOptions server;

    @Override
    public Integer call() throws Exception {
        KeepAliveBenchmark.Settings settings = new KeepAliveBenchmark.Settings(requests, warmupRequests, connections,
                BenchServingCommand.parse("--slow-limit", slowLimit), BenchServingCommand.parse("--timeout", timeout), server.seed);
        KeepAliveReport result = KeepAliveBenchmark.run(server.settings(), settings, System.err);
        System.out.print(result.table());
        server.writeReport(result);
        return result.passed() ? 0 : 1;
    }
}
