package io.aisle.training.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Basket files: one basket per line, items separated by commas ({@code csv}), tabs ({@code tsv}) or
 * runs of whitespace ({@code ws}); {@code auto} is resolved once per file with {@link #detect} (a one-item
 * basket such as {@code whole milk} has no comma, so a per-line guess would split it). Labels are
 * trimmed (Groceries has {@code "cream cheese "}); a repeated item counts once. An empty label between
 * separators or an empty line is a bad row.
 */
public final class BasketLineParser implements LineParser {

    private final InputFormat format;

    /** @param format CSV, TSV or WS; resolve AUTO with {@link #detect} first */
    public BasketLineParser(InputFormat format) {
        if (format == InputFormat.AUTO) {
            throw new IllegalArgumentException("resolve the AUTO format from a sample of the file first");
        }
        this.format = format;
    }

    /** CSV when any sampled line has a comma, else TSV when any has a tab, else WS. */
    public static InputFormat detect(Iterable<String> sampleLines) {
        boolean tab = false;
        for (String line : sampleLines) {
            if (line.indexOf(',') >= 0) {
                return InputFormat.CSV;
            }
            tab |= line.indexOf('\t') >= 0;
        }
        return tab ? InputFormat.TSV : InputFormat.WS;
    }

    @Override
    public ParsedLine parse(long lineNumber, String line) {
        if (line.isBlank()) {
            return ParsedLine.bad(lineNumber, "empty basket");
        }
        String[] labels = format.split(line);
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

    /** For example {@code "baskets, tsv"}. */
    @Override
    public String toString() {
        return "baskets, " + format.label();
    }
}
