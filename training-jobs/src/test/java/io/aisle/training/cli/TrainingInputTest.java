package io.aisle.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Input files that are empty, malformed or of another delimiter than said end the run with exit code 2 and a
 * message naming the file and the first bad lines; each run reads its input with Spark local[1].
 */
class TrainingInputTest {

    @TempDir
    Path folder;

    private final StringWriter errors = new StringWriter();

    private int train(Path input, String... options) {
        CommandLine cli = new CommandLine(new TrainingCli());
        cli.setErr(new PrintWriter(errors, true));
        List<String> args = new java.util.ArrayList<>(List.of("train", "for-you", "--interactions", input.toString(),
                "--columns", "user,item,rating,timestamp", "--master", "local[1]", "--registry", folder.resolve("registry").toString()));
        args.addAll(List.of(options));
        return cli.execute(args.toArray(String[]::new));
    }

    @Test
    void refusesAnEmptyFileNamingIt() throws IOException {
        Path empty = Files.createFile(folder.resolve("empty.data"));
        assertEquals(2, train(empty));
        assertEquals("aisle: " + empty + " is empty", errors.toString().strip());
    }

    @Test
    void refusesATabSeparatedLogReadAsCsvNamingTheFileAndTheFirstBadLines() throws IOException {
        Path log = Files.write(folder.resolve("u.data"), List.of("196\t242\t3\t881250949", "186\t302\t3\t891717742"));
        assertEquals(2, train(log, "--format", "csv"));
        assertTrue(errors.toString().startsWith("aisle: " + log + ": 2 of 2 lines are bad (100.00%, more than --max-bad-rows 1.00%);"
                + " first: line 1: expected 4 csv columns (user,item,rating,timestamp) but found 1; line 2: expected 4"), errors.toString());
    }

    @Test
    void refusesALogWhoseDelimiterCannotBeToldNamingTheFile() throws IOException {
        Path log = Files.write(folder.resolve("odd.data"), List.of("196;242;3;881250949", "186;302;3;891717742"));
        assertEquals(2, train(log));
        assertTrue(errors.toString().startsWith("aisle: " + log + " cannot tell its delimiter: --columns names 4"), errors.toString());
    }

    @Test
    void refusesMalformedLinesAboveTheLimitNamingEachWithItsLineNumber() throws IOException {
        Path log = Files.write(folder.resolve("ratings.csv"), List.of("userId,movieId,rating,timestamp", "1,31,2.5,1260759144",
                "1,1029,five,1260759179", "1,1061,3.0", "2,10,4.0,835355493"));
        assertEquals(2, train(log));
        assertTrue(errors.toString().startsWith("aisle: " + log + ": 2 of 5 lines are bad (40.00%, more than --max-bad-rows 1.00%);"
                + " first: line 3: rating 'five' is not a number; line 4: expected 4 csv columns (user,item,rating,timestamp) but"
                + " found 3"), errors.toString());
    }
}
