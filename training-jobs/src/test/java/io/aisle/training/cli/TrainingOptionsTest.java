package io.aisle.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Options that a run would ignore, misread or fail on only after training are usage errors (exit code 2)
 * before Spark starts; none of these runs gets as far as Spark.
 */
class TrainingOptionsTest {

    @TempDir
    Path folder;

    private final StringWriter errors = new StringWriter();
    private final StringWriter output = new StringWriter();
    private Path log;

    @BeforeEach
    void writeALog() throws IOException {
        log = folder.resolve("u.data");
        Files.write(log, List.of("196\t242\t3\t881250949", "186\t302\t3\t891717742"));
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--registry", folder.resolve("registry").toString()));
        picocli.CommandLine cli = new picocli.CommandLine(new TrainingCli());
        cli.setErr(new PrintWriter(errors, true));
        cli.setOut(new PrintWriter(output, true));
        return cli.execute(all.toArray(String[]::new));
    }

    private void assertRefused(String message, String... args) {
        assertEquals(2, run(args), errors.toString());
        assertTrue(errors.toString().contains(message), errors.toString());
    }

    @Test
    void refusesAnUnknownFormatNamingTheValidOnes() {
        assertRefused("Invalid value for option '--format': expected one of csv, tsv, ws, auto but was 'bogus'",
                "train", "for-you", "--interactions", log.toString(), "--format", "bogus");
    }

    @Test
    void listsTheFormatsInTheHelp() {
        assertEquals(0, run("train", "for-you", "--help"));
        assertTrue(output.toString().contains("separated: csv, tsv, ws, auto"), output.toString());
    }

    @Test
    void refusesAnUnknownEventType() {
        assertRefused("--event-types takes view, cart and purchase but was 'purchase,buy'",
                "train", "for-you", "--events", log.toString(), "--event-types", "purchase,buy");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "view:0.1 | --signal-weights takes view=W,cart=W (purchase counts 1) but was 'view:0.1'",
            "view=lots | --signal-weights view must be a number but was 'lots'",
            "view=1.5 | --signal-weights view must be in [0, 1] but was 1.5",
            "cart=-0.1 | --signal-weights cart must be in [0, 1] but was -0.1",
            "click=0.1 | --signal-weights takes view and cart but named 'click'",
            "purchase=0.5 | --signal-weights: purchase always counts 1; weigh view and cart against it",
            "view=0.1,view=0.2 | --signal-weights names view twice in 'view=0.1,view=0.2'",
    })
    void refusesMalformedSignalWeightsBeforeSparkStarts(String weights, String message) {
        assertRefused(message, "train", "also-bought", "--events", log.toString(), "--signal-weights", weights);
    }

    @Test
    void refusesSignalWeightsForAnInputWithoutEventTypes() {
        assertRefused("--signal-weights applies to --events and --events-log only",
                "train", "also-bought", "--baskets", log.toString(), "--signal-weights", "view=0.1");
    }

    @Test
    void refusesAnUnknownColumnName() {
        assertRefused("--columns names unknown column 'movie'",
                "train", "for-you", "--interactions", log.toString(), "--columns", "user,movie,rating,timestamp");
    }

    @Test
    void refusesAColumnNamedTwice() {
        assertRefused("--columns names 'user' twice", "train", "for-you", "--interactions", log.toString(), "--columns", "user,item,user");
    }

    @Test
    void refusesAMissingInputFile() {
        assertRefused("--interactions " + folder.resolve("nope.data") + ": no such file or folder",
                "train", "for-you", "--interactions", folder.resolve("nope.data").toString());
    }

    @Test
    void refusesForYouOnABasketFile() {
        assertRefused("'for-you' needs a user log (--interactions, --events or --events-log); basket files have no users",
                "train", "for-you", "--baskets", log.toString());
    }

    @Test
    void refusesATenantNameTheRegistryWouldRefuseAtPublishing() {
        assertRefused("tenant must match", "train", "also-bought", "--baskets", log.toString(), "--tenant", "Acme/Shop");
    }

    @Test
    void refusesAReportPathThatIsAFolder() {
        assertRefused("--report " + folder + " is a folder", "train", "also-bought", "--baskets", log.toString(),
                "--report", folder.toString());
    }

    @Test
    void namesTheCommandInTheRefusal() {
        assertRefused("aisle train ranker: ", "train", "ranker", "--interactions", log.toString(), "--rounds", "0");
    }

    /**
     * Each value is out of its option's range, or names an option that means nothing for the input given and so
     * would be ignored.
     */
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "for-you | --events | --format | tsv | --format tsv applies to --baskets and --interactions; --events and --events-log are JSON lines",
            "also-bought | --baskets | --columns | user,item | --columns applies to --interactions only",
            "for-you | --interactions | --event-types | view | --event-types applies to --events and --events-log only",
            "for-you | --events | --min-rating | 4 | --min-rating needs --interactions with a rating column in --columns",
            "for-you | --interactions | --min-rating | 4 | --min-rating needs --interactions with a rating column in --columns",
            "also-bought | --baskets | --top-k | 0 | --top-k must be >= 1 but was 0",
            "also-bought | --baskets | --min-support | 0 | --min-support must be >= 1 but was 0",
            "also-bought | --baskets | --ease-lambda | 0 | --ease-lambda must be > 0 but was 0.0",
            "also-bought | --baskets | --ease-dropout | 1 | --ease-dropout must be in [0, 1) but was 1.0",
            "also-bought | --baskets | --damped-shrink | -1 | --damped-shrink must be >= 0 but was -1.0",
            "also-bought | --baskets | --max-basket-size | 1 | --max-basket-size must be >= 2 but was 1",
            "also-bought | --baskets | --eval-splits | 0 | --eval-splits must be >= 1 but was 0",
            "also-bought | --baskets | --max-bad-rows | 1.5 | --max-bad-rows must be in [0, 1] but was 1.5",
            "also-bought | --baskets | --similarity | jaccard | --similarity must be ease, neighbourhood-ease, damped, confidence, cosine or auto but was 'jaccard'",
            "for-you | --interactions | --factors | 0 | --factors must be >= 1 but was 0",
            "for-you | --interactions | --step-size | 0 | --step-size must be > 0 but was 0.0",
            "for-you | --interactions | --mini-batch | 1.5 | --mini-batch must be in (0, 1] but was 1.5",
            "for-you | --interactions | --negatives | 0 | --negatives must be >= 1 but was 0",
            "for-you | --interactions | --user-weight | 2 | --user-weight must be in [0, 1] but was 2.0",
            "for-you | --interactions | --max-eval-users | 0 | --max-eval-users must be >= 1 but was 0",
            "ranker | --interactions | --eta | 0 | --eta must be in (0, 1] but was 0.0",
            "ranker | --interactions | --max-depth | 0 | --max-depth must be >= 1 but was 0",
            "all | --interactions | --also-bought-candidates | -1 | --also-bought-candidates must be >= 0 but was -1",
            "ranker | --interactions | --eval-splits | 5 | --eval-splits applies here only with --similarity auto",
            "for-you | --interactions | --master | local[two] | --master must be local, local[N], local[*], spark://HOST:PORT, yarn or k8s://URL but was 'local[two]'",
    })
    void refusesAValueItWouldIgnoreOrThatIsOutOfRange(String command, String input, String option, String value, String message) {
        assertRefused(message, "train", command, input, log.toString(), option, value);
    }

    @Test
    void refusesAUserLogWithoutHistoryOrUserFeature() {
        assertRefused("--history-sample 0 needs --user-weight > 0", "train", "for-you", "--interactions", log.toString(),
                "--history-sample", "0");
    }
}
