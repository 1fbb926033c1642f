package io.aisle.vision.djl;

import static io.aisle.vision.json.JsonFields.arrayField;
import static io.aisle.vision.json.JsonFields.index;
import static io.aisle.vision.json.JsonFields.integer;
import static io.aisle.vision.json.JsonFields.object;
import static io.aisle.vision.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.vision.json.InvalidFieldException;
import io.aisle.vision.json.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code recognizer.json} beside a recognizer's weights: which architecture reads them (the
 * built-in CNN, or {@code torchscript}), the weights' file prefix, the input size, and the class
 * list in output order.
 */
record RecognizerDescriptor(String architecture, String modelPrefix, int imageSizePixels, List<String> classes) {

    static final String FILE_NAME = "recognizer.json";
    static final String TORCHSCRIPT = "torchscript";

    RecognizerDescriptor {
        classes = List.copyOf(classes);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a recognizer needs at least 2 classes but had " + classes.size());
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("classes must be distinct but were " + classes);
        }
        if (imageSizePixels < 8 || imageSizePixels > 512) {
            throw new IllegalArgumentException("imageSizePixels must be in [8, 512] but was " + imageSizePixels);
        }
    }

    static RecognizerDescriptor read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode root = object(JsonFields.parse(bytes), "$");
        String architecture = text(root, "architecture", "");
        if (!architecture.equals(CropClassifierNet.ARCHITECTURE) && !architecture.equals(TORCHSCRIPT)) {
            throw new InvalidFieldException("architecture", "must be \"" + CropClassifierNet.ARCHITECTURE
                    + "\" or \"" + TORCHSCRIPT + "\" but was \"" + architecture + "\"");
        }
        String prefix = text(root, "modelPrefix", "");
        long size = integer(root, "imageSizePixels", "");
        if (size < 8 || size > 512) {
            throw new InvalidFieldException("imageSizePixels", "must be in [8, 512] but was " + size);
        }
        JsonNode list = arrayField(root, "classes", "");
        String[] classes = new String[list.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            if (c == null || !c.isTextual() || c.asText().isBlank()) {
                throw new InvalidFieldException(index("classes", i), "must be a non-blank SKU string");
            }
            if (!seen.add(c.asText())) {
                throw new InvalidFieldException(index("classes", i), "repeats class '" + c.asText() + "'");
            }
            classes[i] = c.asText();
        }
        if (classes.length < 2) {
            throw new InvalidFieldException("classes", "must list at least 2 classes but had " + classes.length);
        }
        return new RecognizerDescriptor(architecture, prefix, (int) size, List.of(classes));
    }

    void write(Path dir) {
        ObjectNode root = JsonFields.mapper().createObjectNode();
        root.put("architecture", architecture).put("modelPrefix", modelPrefix).put("imageSizePixels", imageSizePixels);
        ArrayNode list = root.putArray("classes");
        classes.forEach(list::add);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(FILE_NAME), JsonFields.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME), e);
        }
    }
}
