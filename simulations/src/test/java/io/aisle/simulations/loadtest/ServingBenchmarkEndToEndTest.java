package io.aisle.simulations.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The whole benchmark against the real server, started from the built serving jar. In a reactor build
 * the simulations tests run before serving is packaged, so this runs when the jar exists (after a
 * {@code package}) and is skipped otherwise; {@link LoadGeneratorTest} covers the measuring side alone.
 */
class ServingBenchmarkEndToEndTest {

    @Test
    void measuresAllThreeEndpointsOfARealServerWithoutFailedRequests() throws Exception {
        assumeTrue(ServingInstallation.locate(Optional.empty()).isPresent(), "serving/target/aisle-serving.jar is not built");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ServingBenchmark.Settings settings = new ServingBenchmark.Settings(Duration.ofSeconds(2), Duration.ZERO, 2, 1_000,
                false, 3, "1g", Optional.empty(), false);

        ServingBenchReport report = ServingBenchmark.run(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertEquals(0, report.errors(), () -> report.table() + progress.toString(StandardCharsets.UTF_8));
        assertEquals(3, report.endpoints().size());
        report.endpoints().forEach(endpoint -> assertTrue(endpoint.latency().requests() > 0, endpoint.endpoint()));
        assertTrue(report.halfRate().latency().requests() > 0);
        assertTrue(report.setup().ranker().startsWith("XGBoost"), report.setup().ranker());
    }
}
