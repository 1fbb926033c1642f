package io.aisle.vision.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeType;

/**
 * Typed reads of one field of a Jackson tree, each failing with an {@link InvalidFieldException}
 * that carries the field's path. Paths are built by the caller as {@code parent + "." + name}.
 */
public final class JsonFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFields() {
    }

    /** Parses a whole document; a syntax error is reported against the root with its location. */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new InvalidFieldException("$", "is empty: expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("$", "is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (java.io.IOException e) {
            throw new InvalidFieldException("$", "could not be read: " + e.getMessage());
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException(path, "must be an object but was " + describe(node));
        }
        return node;
    }

    public static JsonNode objectField(JsonNode parent, String name, String parentPath) {
        return object(parent.get(name), join(parentPath, name));
    }

    public static JsonNode arrayField(JsonNode parent, String name, String parentPath) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isArray()) {
            throw new InvalidFieldException(join(parentPath, name), "must be an array but was " + describe(node));
        }
        return node;
    }

    public static String text(JsonNode parent, String name, String parentPath) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidFieldException(join(parentPath, name), "must be a non-blank string but was " + describe(node));
        }
        return node.asText();
    }

    /** A finite number. */
    public static double number(JsonNode parent, String name, String parentPath) {
        return number(parent.get(name), join(parentPath, name));
    }

    public static double number(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            throw new InvalidFieldException(path, "must be a number but was " + describe(node));
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            throw new InvalidFieldException(path, "must be finite but was " + value);
        }
        return value;
    }

    public static double numberInRange(JsonNode parent, String name, String parentPath, double min, double max) {
        double value = number(parent, name, parentPath);
        if (value < min || value > max) {
            throw new InvalidFieldException(join(parentPath, name),
                    "must be in [" + min + ", " + max + "] but was " + value);
        }
        return value;
    }

    public static double positiveNumber(JsonNode parent, String name, String parentPath) {
        double value = number(parent, name, parentPath);
        if (value <= 0) {
            throw new InvalidFieldException(join(parentPath, name), "must be > 0 but was " + value);
        }
        return value;
    }

    /** An integral number that fits a long. */
    public static long integer(JsonNode parent, String name, String parentPath) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidFieldException(join(parentPath, name), "must be an integer but was " + describe(node));
        }
        return node.asLong();
    }

    /** A fixed-length array of finite numbers. */
    public static double[] numbers(JsonNode parent, String name, String parentPath, int length) {
        String path = join(parentPath, name);
        JsonNode node = parent.get(name);
        if (node == null || !node.isArray() || node.size() != length) {
            throw new InvalidFieldException(path, "must be an array of " + length + " numbers but was " + describe(node));
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = number(node.get(i), path + "[" + i + "]");
        }
        return values;
    }

    public static String join(String parentPath, String name) {
        return parentPath.isEmpty() || parentPath.equals("$") ? name : parentPath + "." + name;
    }

    public static String index(String arrayPath, int i) {
        return arrayPath + "[" + i + "]";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        JsonNodeType type = node.getNodeType();
        String shown = node.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "…";
        }
        return type.name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}
