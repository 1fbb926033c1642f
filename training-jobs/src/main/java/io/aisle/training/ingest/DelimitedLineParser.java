package io.aisle.training.ingest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Header-less CSV or TSV interaction logs whose columns are named by {@code --columns}, for example
 * {@code user,item,rating,timestamp} or {@code user,item,order,timestamp,category}. {@code user} and
 * {@code item} are required; {@code rating}, {@code timestamp} (epoch seconds, epoch milliseconds or
 * ISO-8601), {@code order} and {@code category} are optional, and any other name is read and ignored
 * when it is {@code _} or {@code ignore}.
 *
 * <p>Without an {@code order} column, events of one user on one UTC day form a session basket.
 */
public final class DelimitedLineParser implements LineParser {

    private static final Set<String> KNOWN = Set.of("user", "item", "rating", "timestamp", "order", "category", "_", "ignore");
    /** Epoch values below this are seconds; above, milliseconds (year 2286 in seconds). */
    private static final long MILLIS_THRESHOLD = 10_000_000_000L;

    private final List<String> columns;
    private final String separatorRegex;
    private final int user;
    private final int item;
    private final int rating;
    private final int timestamp;
    private final int order;
    private final int category;

    /**
     * @param columns column names in file order
     * @param tab true for TSV, false for CSV
     */
    public DelimitedLineParser(List<String> columns, boolean tab) {
        this.columns = List.copyOf(columns);
        for (String column : this.columns) {
            if (!KNOWN.contains(column)) {
                throw new IllegalArgumentException("--columns names unknown column '" + column + "'; known: " + KNOWN);
            }
        }
        this.user = this.columns.indexOf("user");
        this.item = this.columns.indexOf("item");
        if (user < 0 || item < 0) {
            throw new IllegalArgumentException("--columns must name 'user' and 'item' but was " + String.join(",", columns));
        }
        this.rating = this.columns.indexOf("rating");
        this.timestamp = this.columns.indexOf("timestamp");
        this.order = this.columns.indexOf("order");
        this.category = this.columns.indexOf("category");
        this.separatorRegex = tab ? "\t" : ",";
    }

    /** Parses {@code "user,item,rating"} into column names. */
    public static List<String> parseColumns(String spec) {
        List<String> names = new ArrayList<>();
        for (String name : spec.split(",")) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    @Override
    public ParsedLine parse(long lineNumber, String line) {
        String[] fields = line.split(separatorRegex, -1);
        if (fields.length != columns.size()) {
            return ParsedLine.bad(lineNumber, "expected " + columns.size() + " columns (" + String.join(",", columns)
                    + ") but found " + fields.length);
        }
        String userId = fields[user].strip();
        String itemId = fields[item].strip();
        if (userId.isEmpty()) {
            return ParsedLine.bad(lineNumber, "user is empty");
        }
        if (itemId.isEmpty()) {
            return ParsedLine.bad(lineNumber, "item is empty");
        }
        double ratingValue = Double.NaN;
        if (rating >= 0) {
            try {
                ratingValue = Double.parseDouble(fields[rating].strip());
            } catch (NumberFormatException e) {
                return ParsedLine.bad(lineNumber, "rating '" + fields[rating] + "' is not a number");
            }
            if (!Double.isFinite(ratingValue)) {
                return ParsedLine.bad(lineNumber, "rating '" + fields[rating] + "' is not finite");
            }
        }
        long millis = 0L;
        if (timestamp >= 0) {
            String text = fields[timestamp].strip();
            Long parsed = parseTimestampMillis(text);
            if (parsed == null) {
                return ParsedLine.bad(lineNumber, "timestamp '" + text + "' is neither epoch seconds, epoch milliseconds nor ISO-8601");
            }
            millis = parsed;
        }
        String basket;
        if (order >= 0) {
            String orderId = fields[order].strip();
            if (orderId.isEmpty()) {
                return ParsedLine.bad(lineNumber, "order is empty");
            }
            basket = "o:" + orderId;
        } else {
            basket = "s:" + userId + ":" + Math.floorDiv(millis, 86_400_000L);
        }
        String categoryValue = category >= 0 && !fields[category].isBlank() ? fields[category].strip() : null;
        return ParsedLine.good(lineNumber, List.of(new Interaction(userId, itemId, basket, millis, categoryValue, ratingValue)));
    }

    /** Epoch seconds, epoch milliseconds or an ISO-8601 instant; {@code null} when it is none of those. */
    static Long parseTimestampMillis(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                return null;
            }
            return value < MILLIS_THRESHOLD ? value * 1000L : value;
        } catch (NumberFormatException notANumber) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException notAnInstant) {
                return null;
            }
        }
    }
}
