package io.aisle.training.cli;

import io.aisle.training.ingest.BasketLineParser;
import io.aisle.training.ingest.DelimitedLineParser;
import io.aisle.training.ingest.JsonLineParser;
import io.aisle.training.ingest.LineParser;
import java.util.Arrays;
import java.util.HashSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the interactions come from: exactly one of basket file, delimited log or JSON-lines events. */
final class InputOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--baskets", description = "Basket file: one basket per line (local path, hdfs:// or s3a://).")
        String baskets;

        @Option(names = "--interactions", description = "Header-less CSV/TSV interaction log; name its columns with --columns.")
        String interactions;

        @Option(names = "--events", description = "JSON-lines events: tenant, user, item, type, ts, optional order.")
        String events;
    }

    @Option(names = "--format", defaultValue = "auto", description = "Basket separator: csv, ws or auto (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--columns", defaultValue = "user,item,order,timestamp,category",
            description = "Columns of --interactions, e.g. user,item,rating,timestamp (default: ${DEFAULT-VALUE}).")
    String columns;

    @Option(names = "--tsv", description = "--interactions is tab-separated.")
    boolean tsv;

    @Option(names = "--event-types", defaultValue = "purchase,cart",
            description = "Event types of --events that count as interactions (default: ${DEFAULT-VALUE}).")
    String eventTypes;

    @Option(names = "--min-rating", description = "Keep only interactions rated at least this (logs with a rating column).")
    Double minRating;

    String path() {
        return source.baskets != null ? source.baskets : source.interactions != null ? source.interactions : source.events;
    }

    boolean isBaskets() {
        return source.baskets != null;
    }

    /** @param sample the first lines of the input, to resolve {@code --format auto} */
    LineParser parser(String tenant, java.util.List<String> sample) {
        if (source.baskets != null) {
            BasketLineParser.Separator separator = BasketLineParser.Separator.parse(format);
            return new BasketLineParser(separator == BasketLineParser.Separator.AUTO
                    ? BasketLineParser.Separator.detect(sample) : separator);
        }
        if (source.interactions != null) {
            return new DelimitedLineParser(DelimitedLineParser.parseColumns(columns), tsv);
        }
        return new JsonLineParser(tenant, new HashSet<>(Arrays.asList(eventTypes.split(","))));
    }
}
