package io.aisle.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.testing.MosquittoExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code simulate warehouse-live --protocol vda5050} runs its fleet through a real broker. */
class WarehouseLiveVdaCommandTest {

    @RegisterExtension
    static final MosquittoExtension mqtt = new MosquittoExtension();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void runsTwentyVdaRobotsThroughTheBrokerAndPrintsTheValidatorsCounts() {
        StringWriter errors = new StringWriter();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = CliRun.execute(errors, "simulate", "warehouse-live", "--protocol", "vda5050", "--broker", mqtt.uri(),
                    "--robots", "20", "--seconds", "6", "--orders-per-second", "2", "--move-millis", "50",
                    "--key-id", "unused", "--secret", "unused");
        } finally {
            System.setOut(stdout);
        }

        String summary = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, summary + errors);
        assertTrue(summary.contains("vda5050 warehouse done: 20 robots"), summary);
        assertTrue(summary.contains(" 0 collisions, 0 invalid moves"), summary);
        Matcher completed = Pattern.compile("completed (\\d+)").matcher(summary);
        assertTrue(completed.find() && Long.parseLong(completed.group(1)) > 0, summary);
        assertTrue(summary.contains("0 messages ignored, 0 orders refused by robots, 0 publishes dropped"), summary);
    }
}
