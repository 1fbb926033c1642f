package io.aisle.training.cli;

import io.aisle.training.ingest.BasketLineParser;
import io.aisle.training.ingest.DelimitedLineParser;
import io.aisle.training.ingest.InputFormat;
import io.aisle.training.ingest.JsonLineParser;
import io.aisle.training.ingest.LineParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the interactions come from: exactly one of basket file, delimited log or JSON-lines events. */
final class InputOptions implements CheckedOptions {

    private static final String DEFAULT_COLUMNS = "user,item,order,timestamp,category";
    private static final String DEFAULT_EVENT_TYPES = "purchase,cart";
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
    }

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

    @Option(names = "--min-rating", description = "Keep only interactions rated at least this (--interactions with a rating column).")
    Double minRating;

    String path() {
        return source.baskets != null ? source.baskets : source.interactions != null ? source.interactions : source.events;
    }

    boolean isBaskets() {
        return source.baskets != null;
    }

    /** Refuses options that the chosen input would ignore, and a local input path that does not exist. */
    @Override
    public void check() {
        if (source.events != null && format != InputFormat.AUTO) {
            throw new IllegalArgumentException("--format " + format.label() + " applies to --baskets and --interactions;"
                    + " --events are JSON lines");
        }
        if (columns != null && source.interactions == null) {
            throw new IllegalArgumentException("--columns applies to --interactions only");
        }
        if (eventTypes != null && source.events == null) {
            throw new IllegalArgumentException("--event-types applies to --events only");
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
        if (source.events != null) {
            eventTypes();
        }
        checkLocalPath();
    }

    /** Refuses {@code train <command>} on a basket file, which has no users. */
    void requireUsers(String command) {
        if (isBaskets()) {
            throw new IllegalArgumentException("'" + command + "' needs a user log (--interactions or --events);"
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
        return new JsonLineParser(tenant, eventTypes());
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
        String path = path();
        String option = source.baskets != null ? "--baskets" : source.interactions != null ? "--interactions" : "--events";
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
            throw new IllegalArgumentException(option + " " + path() + ": no such file or folder");
        }
        if (!Files.isReadable(local)) {
            throw new IllegalArgumentException(option + " " + path() + ": cannot be read");
        }
    }
}
