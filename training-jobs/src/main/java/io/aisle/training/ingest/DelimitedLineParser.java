package io.aisle.training.ingest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Delimited interaction logs (comma-, tab- or whitespace-separated) whose columns are named by
 * {@code --columns}, for example {@code user,item,rating,timestamp} or
 * {@code user,item,order,timestamp,category}. {@code user} and {@code item} are required; {@code rating},
 * {@code timestamp} (epoch seconds, epoch milliseconds or ISO-8601), {@code order} and {@code category} are
 * optional, and a column named {@code _} or {@code ignore} is read and ignored. A header line, when the
 * file has one, is skipped ({@link #forSample}).
 *
 * <p>Without an {@code order} column, events of one user on one UTC day form a session basket.
 */
public final class DelimitedLineParser implements LineParser {

    private static final Set<String> KNOWN = Set.of("user", "item", "rating", "timestamp", "order", "category", "_", "ignore");
    private static final Set<String> IGNORED = Set.of("_", "ignore");
    /** Epoch values below this are seconds; above, milliseconds (year 2286 in seconds). */
    private static final long MILLIS_THRESHOLD = 10_000_000_000L;

    private final List<String> columns;
    private final InputFormat format;
    private final boolean header;
    private final int user;
    private final int item;
    private final int rating;
    private final int timestamp;
    private final int order;
    private final int category;

    /**
     * @param columns column names in file order
     * @param format CSV, TSV or WS; resolve AUTO with {@link #forSample} first
     * @param header true when line 1 is a header, to be skipped
     */
    public DelimitedLineParser(List<String> columns, InputFormat format, boolean header) {
        if (format == InputFormat.AUTO) {
            throw new IllegalArgumentException("resolve the AUTO format from a sample of the file first");
        }
        this.columns = List.copyOf(columns);
        this.format = format;
        this.header = header;
        Set<String> seen = new HashSet<>();
        for (String column : this.columns) {
            if (!KNOWN.contains(column)) {
                throw new IllegalArgumentException("--columns names unknown column '" + column + "'; known: "
                        + String.join(", ", new TreeSet<>(KNOWN)));
            }
            if (!IGNORED.contains(column) && !seen.add(column)) {
                throw new IllegalArgumentException("--columns names '" + column + "' twice in " + String.join(",", columns));
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
    }

    /**
     * The parser for a file whose first lines are {@code sample}: AUTO becomes the one of TSV, CSV and WS
     * that splits most sampled lines into as many fields as there are columns (a tie between tab and comma
     * is refused; whitespace is chosen only when it fits more lines than either), and line 1 is a header
     * when its fields are the column names, or when it is malformed while line 2 is not (as
     * {@code userId,movieId,rating,timestamp} is, its rating not being a number).
     *
     * @param sample the first lines of the file, line 1 first
     * @throws IllegalArgumentException when AUTO cannot be resolved, saying why
     */
    public static DelimitedLineParser forSample(List<String> columns, InputFormat format, List<String> sample) {
        InputFormat resolved = format == InputFormat.AUTO ? detect(columns, sample) : format;
        DelimitedLineParser plain = new DelimitedLineParser(columns, resolved, false);
        boolean header = !sample.isEmpty() && (plain.namesColumns(sample.get(0))
                || sample.size() > 1 && plain.parse(1, sample.get(0)).isBad() && !plain.parse(2, sample.get(1)).isBad());
        return header ? new DelimitedLineParser(columns, resolved, true) : plain;
    }

    private static InputFormat detect(List<String> columns, List<String> sample) {
        List<String> lines = sample.stream().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("has no line to tell its delimiter from");
        }
        int tsv = fitting(InputFormat.TSV, columns.size(), lines);
        int csv = fitting(InputFormat.CSV, columns.size(), lines);
        int ws = fitting(InputFormat.WS, columns.size(), lines);
        // Tab- and comma-separated lines also split on whitespace when no field has a space; those two win ties.
        if (ws > Math.max(tsv, csv) && 2 * ws > lines.size()) {
            return InputFormat.WS;
        }
        if (2 * Math.max(tsv, csv) > lines.size()) {
            if (tsv == csv) {
                throw new IllegalArgumentException("splits into " + columns.size() + " fields by tab and by comma alike on "
                        + tsv + " of its first " + lines.size() + " lines; say which with --format tsv or --format csv");
            }
            return tsv > csv ? InputFormat.TSV : InputFormat.CSV;
        }
        String first = lines.get(0);
        throw new IllegalArgumentException(String.format(Locale.ROOT, "cannot tell its delimiter: --columns names %d (%s),"
                        + " but of its first %d lines %d split into %d fields by tab, %d by comma and %d by whitespace"
                        + " (line '%s' splits into %d, %d and %d); fix --columns or pass --format csv, tsv or ws",
                columns.size(), String.join(",", columns), lines.size(), tsv, columns.size(), csv, ws, abbreviate(first),
                InputFormat.TSV.split(first).length, InputFormat.CSV.split(first).length, InputFormat.WS.split(first).length));
    }

    private static int fitting(InputFormat format, int columns, List<String> lines) {
        int fitting = 0;
        for (String line : lines) {
            if (format.split(line).length == columns) {
                fitting++;
            }
        }
        return fitting;
    }

    /** The line as it can be read in a message: tabs shown as {@code \\t}, at most 80 characters. */
    private static String abbreviate(String line) {
        String shown = line.replace("\t", "\\t");
        return shown.length() <= 80 ? shown : shown.substring(0, 77) + "...";
    }

    private boolean namesColumns(String line) {
        String[] fields = format.split(line);
        if (fields.length != columns.size()) {
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            if (!IGNORED.contains(columns.get(i)) && !fields[i].strip().equalsIgnoreCase(columns.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code "user,item,rating"} into column names. */
    public static List<String> parseColumns(String spec) {
        List<String> names = new ArrayList<>();
        for (String name : spec.split(",", -1)) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** True when the columns hold a rating. */
    public boolean hasRating() {
        return rating >= 0;
    }

    /** For example {@code "tsv, columns user,item,rating,timestamp, header line skipped"}. */
    @Override
    public String toString() {
        return format.label() + ", columns " + String.join(",", columns) + (header ? ", header line skipped" : ", no header line");
    }

    @Override
    public ParsedLine parse(long lineNumber, String line) {
        if (header && lineNumber == 1) {
            return ParsedLine.good(lineNumber, List.of());
        }
        if (line.isBlank()) {
            return ParsedLine.bad(lineNumber, "empty line");
        }
        String[] fields = format.split(line);
        if (fields.length != columns.size()) {
            return ParsedLine.bad(lineNumber, "expected " + columns.size() + " " + format.label() + " columns (" + String.join(",", columns)
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
