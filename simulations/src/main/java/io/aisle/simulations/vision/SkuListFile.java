package io.aisle.simulations.vision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A catalogue as a text file: one SKU per line; blank lines and lines starting with {@code #} are
 * skipped. A SKU has no spaces and appears once; errors name the line.
 */
public final class SkuListFile {

    private SkuListFile() {
    }

    public static List<String> read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SKU list " + file, e);
        }
    }

    static List<String> parse(List<String> lines, String source) {
        List<String> skus = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": SKU '" + line + "' contains a space");
            }
            if (!seen.add(line)) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": SKU '" + line + "' is listed twice");
            }
            skus.add(line);
        }
        if (skus.size() < 2) {
            throw new IllegalArgumentException(source + ": needs at least 2 SKUs but has " + skus.size());
        }
        return List.copyOf(skus);
    }

    /** {@code sku-001} to {@code sku-N}: a catalogue when no file is given. */
    public static List<String> generated(int count) {
        List<String> skus = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            skus.add(String.format("sku-%03d", i));
        }
        return skus;
    }
}
