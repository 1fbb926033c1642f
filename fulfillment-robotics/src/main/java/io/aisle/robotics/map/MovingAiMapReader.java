package io.aisle.robotics.map;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads MovingAI {@code .map} files ({@code type octile}, {@code height H}, {@code width W}, {@code map},
 * then H rows of W symbols). The {@code type} line is optional, as in the PIBT pickup-delivery maps.
 * Errors name the line.
 */
public final class MovingAiMapReader {

    /** Reads a map file; the map is named after the file. */
    public GridMap read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return read(file.getFileName().toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read map " + file, e);
        }
    }

    /** Reads a map from text; {@code source} labels error messages. */
    public GridMap read(String source, Reader text) throws IOException {
        BufferedReader in = new BufferedReader(text);
        int lineNumber = 0;
        int height = -1;
        int width = -1;
        String line;
        while (true) {
            line = in.readLine();
            lineNumber++;
            if (line == null) {
                throw new MapFormatException(source, lineNumber, "missing 'map' line before the grid");
            }
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            String key = parts[0].toLowerCase();
            if (key.equals("map")) {
                break;
            }
            switch (key) {
                case "type" -> { }
                case "height" -> height = headerNumber(source, lineNumber, parts, "height");
                case "width" -> width = headerNumber(source, lineNumber, parts, "width");
                default -> throw new MapFormatException(source, lineNumber, "unknown header field '" + parts[0] + "'");
            }
        }
        if (height < 1) {
            throw new MapFormatException(source, lineNumber, "header field 'height' missing before 'map'");
        }
        if (width < 1) {
            throw new MapFormatException(source, lineNumber, "header field 'width' missing before 'map'");
        }
        char[] terrain = new char[width * height];
        for (int row = 0; row < height; row++) {
            line = in.readLine();
            lineNumber++;
            if (line == null) {
                throw new MapFormatException(source, lineNumber, "expected " + height + " grid rows but found " + row);
            }
            if (line.length() != width) {
                throw new MapFormatException(source, lineNumber,
                        "grid row " + row + " must have width=" + width + " symbols but had " + line.length());
            }
            for (int col = 0; col < width; col++) {
                char symbol = line.charAt(col);
                if (!GridMap.isKnownSymbol(symbol)) {
                    throw new MapFormatException(source, lineNumber,
                            "unknown symbol '" + symbol + "' at column " + col);
                }
                terrain[row * width + col] = symbol;
            }
        }
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                throw new MapFormatException(source, lineNumber, "text after the " + height + " grid rows");
            }
        }
        return new GridMap(source, width, height, terrain);
    }

    private static int headerNumber(String source, int lineNumber, String[] parts, String field) {
        if (parts.length != 2) {
            throw new MapFormatException(source, lineNumber, "header field '" + field + "' needs one number");
        }
        try {
            int value = Integer.parseInt(parts[1]);
            if (value < 1) {
                throw new MapFormatException(source, lineNumber, field + " must be >= 1 but was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new MapFormatException(source, lineNumber, field + " is not a number: '" + parts[1] + "'");
        }
    }
}
