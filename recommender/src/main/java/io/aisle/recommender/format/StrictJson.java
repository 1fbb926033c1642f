package io.aisle.recommender.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads JSON model files field by field, failing with a {@link ModelFormatException} that names the
 * file and the JSON path of the bad field (for example {@code neighbours.json: items[3].count}).
 */
public final class StrictJson {

    /** One mapper for all model files; ObjectMapper is thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String fileName;

    private StrictJson(String fileName) {
        this.fileName = fileName;
    }

    /** Parses a whole file; a missing or unparsable file fails naming it. */
    public static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file.getFileName() + ": file is missing");
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFormatException(file.getFileName() + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file.getFileName() + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static StrictJson of(Path file) {
        return new StrictJson(file.getFileName().toString());
    }

    public ModelFormatException error(String path, String problem) {
        return new ModelFormatException(fileName + ": " + path + " " + problem);
    }

    public JsonNode field(JsonNode node, String path, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw error(join(path, name), "is missing");
        }
        return value;
    }

    public String text(JsonNode node, String path, String name) {
        JsonNode value = field(node, path, name);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw error(join(path, name), "must be a non-empty string but was " + value);
        }
        return value.asText();
    }

    /** A string field that may be absent or null. */
    public String optionalText(JsonNode node, String path, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw error(join(path, name), "must be a string but was " + value);
        }
        return value.asText();
    }

    public long nonNegativeLong(JsonNode node, String path, String name) {
        JsonNode value = field(node, path, name);
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw error(join(path, name), "must be an integer >= 0 but was " + value);
        }
        return value.asLong();
    }

    public int positiveInt(JsonNode node, String path, String name) {
        JsonNode value = field(node, path, name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw error(join(path, name), "must be an integer >= 1 but was " + value);
        }
        return value.asInt();
    }

    public double finiteDouble(JsonNode node, String path, String name) {
        JsonNode value = field(node, path, name);
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw error(join(path, name), "must be a finite number but was " + value);
        }
        return value.asDouble();
    }

    public JsonNode array(JsonNode node, String path, String name) {
        JsonNode value = field(node, path, name);
        if (!value.isArray()) {
            throw error(join(path, name), "must be an array but was " + value.getNodeType());
        }
        return value;
    }

    /** Fails unless {@code format} and {@code formatVersion} are the expected ones. */
    public void expectFormat(JsonNode root, String format, int version) {
        expectFormat(root, format, version, version);
    }

    /** Checks the format name and that its version is in [oldest, newest]; returns the version. */
    public int expectFormat(JsonNode root, String format, int oldest, int newest) {
        String actual = text(root, "", "format");
        if (!actual.equals(format)) {
            throw error("format", "must be '" + format + "' but was '" + actual + "'");
        }
        int actualVersion = positiveInt(root, "", "formatVersion");
        if (actualVersion < oldest || actualVersion > newest) {
            String expected = oldest == newest ? Integer.toString(newest) : "between " + oldest + " and " + newest;
            throw error("formatVersion", "must be " + expected + " but was " + actualVersion + " (unknown format version)");
        }
        return actualVersion;
    }

    /** A required boolean field. */
    public boolean bool(JsonNode node, String path, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isBoolean()) {
            throw error(join(path, name), "must be true or false but was " + value);
        }
        return value.asBoolean();
    }

    public static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
