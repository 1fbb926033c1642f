package io.aisle.training.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the fields of a line are separated: commas, tabs, or runs of whitespace. {@code AUTO} is resolved
 * once per file from its first lines ({@link BasketLineParser#detect}, {@link DelimitedLineParser#forSample}),
 * never per line: a line such as {@code whole milk} fits more than one format.
 */
public enum InputFormat {
    CSV, TSV, WS, AUTO;

    /** The name on the command line: {@code csv}, {@code tsv}, {@code ws} or {@code auto}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(InputFormat::label).toList();
    }

    /** @throws IllegalArgumentException naming the valid labels when {@code value} is none of them */
    public static InputFormat parse(String value) {
        for (InputFormat format : values()) {
            if (format.label().equalsIgnoreCase(value.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", labels()) + " but was '" + value + "'");
    }

    /**
     * The fields of {@code line}; CSV and TSV keep empty fields ({@code "a,,b"} has three), WS has none but
     * on a blank line.
     *
     * @throws IllegalStateException for AUTO, which has to be resolved first
     */
    public String[] split(String line) {
        return switch (this) {
            case CSV -> line.split(",", -1);
            case TSV -> line.split("\t", -1);
            case WS -> line.isBlank() ? new String[] {""} : line.strip().split("\\s+");
            case AUTO -> throw new IllegalStateException("resolve the AUTO format from the first lines of the file first");
        };
    }
}
