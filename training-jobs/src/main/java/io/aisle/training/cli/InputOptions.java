package io.aisle.training.cli;

import io.aisle.training.ingest.BasketLineParser;
import io.aisle.training.ingest.DelimitedLineParser;
import io.aisle.training.ingest.InputFormat;
import io.aisle.training.ingest.JsonLineParser;
import io.aisle.training.ingest.LineParser;
import io.aisle.training.ingest.SignalWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the interactions come from: exactly one of basket file, delimited log, JSON-lines events, or the
 * interaction log the server writes ({@code {registry}/{tenant}/events/dt=YYYY-MM-DD/}), of which
 * {@code --since} picks the days.
 */
final class InputOptions implements CheckedOptions {

    private static final String DEFAULT_COLUMNS = "user,item,order,timestamp,category";
    private static final String DEFAULT_EVENT_TYPES = "view,cart,purchase";
    private static final Set<String> EVENT_TYPES = Set.of("view", "cart", "purchase");

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--baskets", description = "Basket file: one basket per line (local path, hdfs:// or s3a://).")
        String baskets;

        @Option(names = "--interactions", description = "Delimited interaction log (comma, tab or whitespace, see --format);"
                + " name its columns with --columns. A header line is skipped.")
        String interactions;

        @Option(names = "--events", description = "JSON-lines events: tenant, user, item, type, ts, optional order.")
        String events;

        @Option(names = "--events-log", description = "The interaction log the server writes for the tenant:"
                + " {registry}/{tenant}/events (local, hdfs:// or s3a://), its days chosen with --since.")
        String eventsLog;
    }

    @Option(names = "--since", description = "Days of --events-log to read: the last N days (e.g. 30d, counting today, UTC)"
            + " or from a date on (2026-11-01). Default: every day.")
    String since;

    /** Today, UTC, for {@code --since Nd}; tests fix it. */
    Clock clock = Clock.systemUTC();

    @Option(names = "--format", defaultValue = "auto", converter = InputFormatOption.class,
            completionCandidates = InputFormatOption.class,
            description = "How the fields of --baskets and --interactions are separated: ${COMPLETION-CANDIDATES}"
                    + " (comma, tab, runs of whitespace, or told from the first lines of the file; default: ${DEFAULT-VALUE})."
                    + " --events are JSON lines and take auto only.")
    InputFormat format;

    @Option(names = "--columns", description = "Columns of --interactions in file order, from user, item, rating, timestamp,"
            + " order, category and _ (ignored), e.g. user,item,rating,timestamp (default: " + DEFAULT_COLUMNS + ").")
    String columns;

    @Option(names = "--event-types", description = "Event types of --events that count as interactions, from view, cart"
            + " and purchase (default: " + DEFAULT_EVENT_TYPES + ").")
    String eventTypes;

    @Option(names = "--signal-weights", description = "How much views and carts of --events and --events-log count against"
            + " a purchase (1): view=W,cart=W, each in [0, 1]; 0 leaves the signal out. Evaluation scores held-out purchases"
            + " only (default: view=0.25,cart=1, chosen on the simulated shopper log).")
    String signalWeights;

    @Option(names = "--min-rating", description = "Keep only interactions rated at least this (--interactions with a rating column).")
    Double minRating;

    String path() {
        if (source.eventsLog != null) {
            return EventLogDays.glob(source.eventsLog, firstDay(), LocalDate.now(clock));
        }
        return source.baskets != null ? source.baskets : source.interactions != null ? source.interactions : source.events;
    }

    private boolean readsEvents() {
        return source.events != null || source.eventsLog != null;
    }

    private Optional<LocalDate> firstDay() {
        return since == null ? Optional.empty() : Optional.of(EventLogDays.firstDay(since, LocalDate.now(clock)));
    }

    boolean isBaskets() {
        return source.baskets != null;
    }

    /** Refuses options that the chosen input would ignore, and a local input path that does not exist. */
    @Override
    public void check() {
        if (readsEvents() && format != InputFormat.AUTO) {
            throw new IllegalArgumentException("--format " + format.label() + " applies to --baskets and --interactions;"
                    + " --events and --events-log are JSON lines");
        }
        if (since != null && source.eventsLog == null) {
            throw new IllegalArgumentException("--since applies to --events-log only");
        }
        firstDay();
        if (columns != null && source.interactions == null) {
            throw new IllegalArgumentException("--columns applies to --interactions only");
        }
        if (eventTypes != null && !readsEvents()) {
            throw new IllegalArgumentException("--event-types applies to --events and --events-log only");
        }
        if (minRating != null) {
            if (source.interactions == null || !columns().contains("rating")) {
                throw new IllegalArgumentException("--min-rating needs --interactions with a rating column in --columns");
            }
            if (!Double.isFinite(minRating)) {
                throw new IllegalArgumentException("--min-rating must be a finite number but was " + minRating);
            }
        }
        if (source.interactions != null) {
            // Fails on unknown, repeated or missing column names.
            new DelimitedLineParser(columns(), InputFormat.CSV, false);
        }
        if (signalWeights != null && !readsEvents()) {
            throw new IllegalArgumentException("--signal-weights applies to --events and --events-log only");
        }
        if (readsEvents()) {
            eventTypes();
            signalWeights();
        }
        checkLocalPath();
    }

    /** Refuses {@code train <command>} on a basket file, which has no users. */
    void requireUsers(String command) {
        if (isBaskets()) {
            throw new IllegalArgumentException("'" + command + "' needs a user log (--interactions, --events or --events-log);"
                    + " basket files have no users");
        }
    }

    /**
     * @param sample the first lines of the input, to resolve {@code --format auto} and find a header line
     * @throws IllegalArgumentException naming the input when it is empty or its delimiter cannot be told
     */
    LineParser parser(String tenant, List<String> sample) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException(path() + " is empty");
        }
        if (source.baskets != null) {
            return new BasketLineParser(format == InputFormat.AUTO ? BasketLineParser.detect(sample) : format);
        }
        if (source.interactions != null) {
            try {
                return DelimitedLineParser.forSample(columns(), format, sample);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path() + " " + e.getMessage(), e);
            }
        }
        return new JsonLineParser(tenant, eventTypes(), signalWeights());
    }

    SignalWeights signalWeights() {
        return signalWeights == null ? SignalWeights.DEFAULT : SignalWeights.parse(signalWeights);
    }

    private List<String> columns() {
        return DelimitedLineParser.parseColumns(columns == null ? DEFAULT_COLUMNS : columns);
    }

    private Set<String> eventTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (String type : (eventTypes == null ? DEFAULT_EVENT_TYPES : eventTypes).split(",", -1)) {
            if (!EVENT_TYPES.contains(type.strip())) {
                throw new IllegalArgumentException("--event-types takes view, cart and purchase but was '" + eventTypes + "'");
            }
            types.add(type.strip());
        }
        return types;
    }

    /** Hadoop paths (hdfs://, s3a://) and globs are left to Spark; a plain local path must exist before Spark starts. */
    private void checkLocalPath() {
        String path = source.eventsLog != null ? source.eventsLog : path();
        String option = source.baskets != null ? "--baskets" : source.interactions != null ? "--interactions"
                : source.events != null ? "--events" : "--events-log";
        if (path.startsWith("file:")) {
            path = path.substring("file:".length()).replaceFirst("^//", "");
        } else if (path.contains("://")) {
            return;
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException(option + " must name a file");
        }
        if (path.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
            return;
        }
        Path local = Path.of(path);
        if (!Files.exists(local)) {
            throw new IllegalArgumentException(option + " " + path + ": no such file or folder");
        }
        if (!Files.isReadable(local)) {
            throw new IllegalArgumentException(option + " " + path + ": cannot be read");
        }
        if (source.eventsLog != null && !hasDays(local)) {
            throw new IllegalArgumentException("--events-log " + path + " has no day folder (dt=YYYY-MM-DD)"
                    + (since == null ? "" : " from " + firstDay().orElseThrow() + " on"));
        }
    }

    private boolean hasDays(Path log) {
        try (Stream<Path> days = Files.list(log)) {
            return days.map(day -> day.getFileName().toString()).anyMatch(EventLogDays.inWindow(firstDay()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + log, e);
        }
    }
}
