package io.aisle.simulations.cli;

import io.aisle.simulations.loadtest.ServingBenchReport;
import io.aisle.simulations.loadtest.ServingBenchmark;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./aisle bench serving}: starts the server on loopback with a synthetic tenant, drives signed
 * load at the bare ping, also-bought and for-you in one run, and prints rps, latency percentiles and
 * each endpoint's rate as a ratio to the bare one. Exit code 1 when any request failed.
 */
@Command(name = "serving", mixinStandardHelpOptions = true,
        description = "Load-test the serving endpoints against a bare endpoint.")
final class BenchServingCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "30s", description = "Measured time per endpoint, in alternating 5 s turns, and of the half-rate phase (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", defaultValue = "60s", description = {"Mixed traffic before measuring; 0 skips it (default ${DEFAULT-VALUE}:",
            "long enough for every one of the 5,000 users to have had a for-you answer, so that for-you",
            "is measured from its per-user candidate lists rather than from first requests)."})
    String warmup;

    @Option(names = "--connections", defaultValue = "32", description = "Concurrent connections, one request in flight each (default ${DEFAULT-VALUE}).")
    int connections;

    @Mixin
    ServingBenchOptions server;

    @Override
    public Integer call() throws Exception {
        ServingBenchmark.Settings settings = new ServingBenchmark.Settings(parse("--duration", duration),
                parse("--warmup", warmup), connections, server.items, server.redis, server.seed, server.serverHeap,
                Optional.ofNullable(server.servingJar), server.pin);
        ServingBenchReport result = ServingBenchmark.run(settings, System.err);
        System.out.print(result.table());
        server.writeReport(result);
        return result.errors() == 0 ? 0 : 1;
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms} or a bare number of seconds. */
    static Duration parse(String option, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.TypeConversionException(option + " must look like 30s, 2m or 500ms but was '" + text + "'");
        }
    }
}
