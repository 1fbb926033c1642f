package io.aisle.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training reads the interaction log the server writes, {@code {registry}/{tenant}/events/dt=YYYY-MM-DD/*.jsonl},
 * and {@code --since} picks its days. The log here is written in the server's own line format.
 */
class EventsLogTrainingTest {

    private static final List<String> DAYS = List.of("2026-03-01", "2026-03-02", "2026-03-03");
    private static final int ORDERS_PER_DAY = 80;

    @TempDir
    static Path folder;

    private static Path log;
    private static final List<Integer> linesPerDay = new ArrayList<>();

    /** Orders of two to four items from two item families, so also-bought has pairs to learn; views between them. */
    @BeforeAll
    static void writeTheServersLog() throws IOException {
        log = folder.resolve("registry/acme/events");
        Random random = new Random(7);
        int order = 0;
        for (String day : DAYS) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < ORDERS_PER_DAY; i++, order++) {
                String family = random.nextBoolean() ? "dairy" : "bakery";
                String user = "u-" + random.nextInt(40);
                int items = 2 + random.nextInt(3);
                for (int k = 0; k < items; k++) {
                    String item = family + "-" + random.nextInt(6);
                    String ts = day + "T1" + (k % 10) + ":00:00Z";
                    lines.add("{\"tenant\":\"acme\",\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"view\",\"ts\":\"" + ts + "\"}");
                    lines.add("{\"tenant\":\"acme\",\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"purchase\",\"ts\":\""
                            + ts + "\",\"order\":\"o-" + order + "\"}");
                }
            }
            Path dayFolder = Files.createDirectories(log.resolve("dt=" + day));
            Files.write(dayFolder.resolve("part-1764000000000-42.jsonl"), lines);
            linesPerDay.add(lines.size());
        }
        // Not a day folder: the sink's and other files beside the days are no part of the log.
        Files.writeString(log.resolve("README"), "not read");
    }

    private final StringWriter errors = new StringWriter();

    private int train(String... options) {
        picocli.CommandLine cli = new picocli.CommandLine(new TrainingCli());
        cli.setErr(new PrintWriter(errors, true));
        List<String> args = new ArrayList<>(List.of("train", "also-bought", "--tenant", "acme", "--master", "local[1]",
                "--registry", folder.resolve("out-registry").toString()));
        args.addAll(List.of(options));
        return cli.execute(args.toArray(String[]::new));
    }

    private static JsonNode rows(Path report) throws IOException {
        return new ObjectMapper().readTree(Files.readString(report)).get("rows");
    }

    @Test
    void sinceReadsOnlyTheDaysFromThatDateOn() throws IOException {
        Path report = folder.resolve("since.json");
        assertEquals(0, train("--events-log", log.toString(), "--since", "2026-03-02", "--report", report.toString()), errors.toString());

        JsonNode rows = rows(report);
        assertEquals(linesPerDay.get(1) + linesPerDay.get(2), rows.get("lines").asLong());
        assertEquals(0, rows.get("bad-lines").asLong());
        assertEquals(linesPerDay.get(1) + linesPerDay.get(2), rows.get("interactions").asLong(),
                "views count by default, at their weight");
        // The orders, and per day the sessions of the shoppers who viewed.
        assertTrue(rows.get("baskets").asLong() > 2L * ORDERS_PER_DAY, rows.toString());
    }

    @Test
    void viewsOfWeightZeroAreNotRead() throws IOException {
        Path report = folder.resolve("purchases.json");
        assertEquals(0, train("--events-log", log.toString(), "--since", "2026-03-02", "--signal-weights", "view=0",
                "--report", report.toString()), errors.toString());

        JsonNode rows = rows(report);
        assertEquals((linesPerDay.get(1) + linesPerDay.get(2)) / 2, rows.get("interactions").asLong());
        assertEquals(2L * ORDERS_PER_DAY, rows.get("baskets").asLong());
    }

    @Test
    void withoutSinceEveryDayIsRead() throws IOException {
        Path report = folder.resolve("all.json");
        assertEquals(0, train("--events-log", log.toString(), "--report", report.toString()), errors.toString());

        assertEquals(linesPerDay.stream().mapToInt(Integer::intValue).sum(), rows(report).get("lines").asLong());
    }

    @Test
    void refusesAWindowWithNoDayNamingIt() {
        assertEquals(2, train("--events-log", log.toString(), "--since", LocalDate.now().toString()));
        assertTrue(errors.toString().contains("--events-log " + log + " has no day folder (dt=YYYY-MM-DD) from "), errors.toString());
    }

    @Test
    void refusesSinceWithoutTheLogAndAWindowItCannotRead() {
        assertEquals(2, train("--events-log", log.toString(), "--since", "a month"));
        assertTrue(errors.toString().contains("--since takes a number of days such as 30d or a date such as 2026-11-01,"
                + " but was 'a month'"), errors.toString());
        assertEquals(2, train("--baskets", log.resolve("README").toString(), "--since", "30d"));
        assertTrue(errors.toString().contains("--since applies to --events-log only"), errors.toString());
    }

    @Test
    void lastDaysCountTodayAndTheGlobNamesEveryDayOfTheWindow() {
        LocalDate today = LocalDate.parse("2026-12-06");
        assertEquals(LocalDate.parse("2026-11-07"), EventLogDays.firstDay("30d", today));
        assertEquals(today, EventLogDays.firstDay("1d", today));
        assertEquals("hdfs://nn/registry/acme/events/dt={2026-12-05,2026-12-06,2026-12-07}/*.jsonl",
                EventLogDays.glob("hdfs://nn/registry/acme/events/", Optional.of(LocalDate.parse("2026-12-05")), today));
        assertEquals("/r/acme/events/dt=*/*.jsonl", EventLogDays.glob("/r/acme/events", Optional.empty(), today));
    }
}
