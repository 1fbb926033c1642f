package io.aisle.training.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Basket files: one basket per line, items separated by commas ({@code csv}) or by whitespace
 * ({@code ws}); {@code auto} is resolved once per file with {@link Separator#detect} (a one-item
 * basket such as {@code whole milk} has no comma, so a per-line guess would split it). Labels are
 * trimmed (Groceries has {@code "cream cheese "}); a repeated item counts once. An empty label between
 * commas or an empty line is a bad row.
 */
public final class BasketLineParser implements LineParser {

    /** How items are separated on a line. */
    public enum Separator { CSV, WS, AUTO;

        /** CSV when any sampled line has a comma, else WS. */
        public static Separator detect(Iterable<String> sampleLines) {
            for (String line : sampleLines) {
                if (line.indexOf(',') >= 0) {
                    return CSV;
                }
            }
            return WS;
        }

        public static Separator parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format must be csv, ws or auto but was '" + value + "'");
            }
        }
    }

    private final Separator separator;

    /** @param separator CSV or WS; resolve AUTO with {@link Separator#detect} first */
    public BasketLineParser(Separator separator) {
        if (separator == Separator.AUTO) {
            throw new IllegalArgumentException("resolve the AUTO separator from a sample of the file first");
        }
        this.separator = separator;
    }

    @Override
    public ParsedLine parse(long lineNumber, String line) {
        if (line.isBlank()) {
            return ParsedLine.bad(lineNumber, "empty basket");
        }
        boolean commas = separator == Separator.CSV;
        String[] labels = commas ? line.split(",", -1) : line.strip().split("\\s+");
        LinkedHashSet<String> items = new LinkedHashSet<>();
        for (int i = 0; i < labels.length; i++) {
            String item = labels[i].strip();
            if (item.isEmpty()) {
                return ParsedLine.bad(lineNumber, "item " + (i + 1) + " is empty");
            }
            items.add(item);
        }
        String basket = Long.toString(lineNumber);
        List<Interaction> interactions = new ArrayList<>(items.size());
        for (String item : items) {
            interactions.add(new Interaction(null, item, basket, 0L, null, Double.NaN));
        }
        return ParsedLine.good(lineNumber, interactions);
    }
}
