package io.aisle.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.testing.DataFiles;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values that a command would ignore, misread or fail on with a stack trace are refused with exit code 2 and a
 * one-line message naming the command and what is wrong.
 */
class CommandArgumentsTest {

    private static final String MAP = DataFiles.resource("warehouse/maps/aisles.map").toString();

    @TempDir
    Path folder;

    private final StringWriter errors = new StringWriter();

    private int run(String... args) {
        return CliRun.execute(errors, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            simulate shoppers --items 0 --out OUT | aisle simulate shoppers: items must be >= 1 but was 0
            simulate warehouse --map /no/such.map --robots 0 | aisle simulate warehouse: --robots must be >= 1 but was 0
            simulate warehouse --map /no/such.map --ticks 0 | aisle simulate warehouse: --ticks must be >= 1 but was 0
            simulate warehouse --map /no/such.map --orders-per-tick -1 | --orders-per-tick must be > 0 but was -1.0
            simulate warehouse --map /no/such.map | aisle simulate warehouse: cannot read map /no/such.map: no such file or folder
            simulate store --out OUT --put-back-rate 2 | aisle simulate store: putBackRate must be in [0, 1] but was 2.0
            simulate store --out OUT --drop-rate -0.1 | dropRate must be in [0, 1] but was -0.1
            simulate store --out /no/such/folder/x.log | aisle simulate store: /no/such/folder/x.log: no such file or folder
            bench store --log /no/such.log | aisle bench store: cannot read /no/such.log: no such file or folder
            bench store --log /no/such.log --scenario hard --seed 9 | --log replays the recorded session with its own scenario and seed; drop --scenario, --seed
            bench warehouse --map /no/such.map --robots 5 --unguided --lookahead 4 | --unguided plans without lookahead; drop --lookahead and --alternatives
            bench warehouse --map /no/such.map --robots 5 --lookahead 0 --alternatives 2 | --alternatives needs --lookahead > 0
            bench warehouse --map /no/such.map --robots 5 --lookahead -1 | --lookahead must be >= 0 but was -1
            bench warehouse --map /no/such.map --robots 5 --lns-ms -5 | --lns-ms must be >= 0 and --lns-window, --lns-group >= 1 but were -5, 10 and 8
            bench warehouse --map /no/such.map --robots 5 | aisle bench warehouse: cannot read map /no/such.map: no such file or folder
            bench serving --duration soon | aisle bench serving: --duration must look like 30s, 2m or 500ms but was 'soon'
            bench serving --connections 0 --duration 1s | aisle bench serving: connections must be >= 1 but was 0
            bench keepalive --slow-limit soon | aisle bench keepalive: --slow-limit must look like 30s, 2m or 500ms but was 'soon'
            bench keepalive --requests 0 | aisle bench keepalive: requests must be >= 1 but was 0
            bench keepalive --timeout 1s --slow-limit 1s | aisle bench keepalive: requestTimeout must be longer than slowLimit (PT1S) but was PT1S
            bench scale-out --duration soon | aisle bench scale-out: --duration must look like 30s, 2m or 500ms but was 'soon'
            bench scale-out --replicas 1 | aisle bench scale-out: --replicas must be >= 2 to kill two of them but was 1
            bench scale-out --duration 5s | aisle bench scale-out: --duration must be >= 12s to fit the kills and restarts but was 5s
            bench scale-out --robots -1 | aisle bench scale-out: --robots must be >= 0 but was -1
            bench scale-out --connections 0 | aisle bench scale-out: --connections must be >= 1 but was 0
            """)
    void refusesWithExitCode2AndOneLine(String args, String message) {
        String out = folder.resolve("out").toString();
        assertEquals(2, run(args.replace("OUT", out).split(" ")), errors.toString());
        assertTrue(errors.toString().contains(message), errors.toString());
        assertFalse(errors.toString().contains("\tat "), "no stack trace: " + errors);
        assertFalse(Files.exists(folder.resolve("out")), "nothing written");
    }

    @Test
    void benchScaleOutExplainsItselfAndTheBedForManualUse() {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = SimulationsCli.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        assertEquals(0, cli.execute("bench", "scale-out", "--help"));
        assertTrue(out.toString().contains("--hold") && out.toString().contains("haproxy"), out.toString());
    }

    @Test
    void benchWarehouseRefusesABreakdownShareAboveOne() {
        assertEquals(2, run("bench", "warehouse", "--map", MAP, "--robots", "5", "--ticks", "5", "--breakdowns", "2"));
        assertTrue(errors.toString().contains("breakdownShare must be in [0, 1] but was 2.0"), errors.toString());
    }

    @Test
    void trainVisionRefusesATenantNameBeforeTraining() {
        assertEquals(2, run("train", "vision", "--registry", folder.resolve("registry").toString(), "--tenant", "Acme/Shop"));
        assertEquals("aisle: train vision: tenant must match [a-z0-9][a-z0-9_-]{0,63} but was 'Acme/Shop'", errors.toString().strip());
    }
}
