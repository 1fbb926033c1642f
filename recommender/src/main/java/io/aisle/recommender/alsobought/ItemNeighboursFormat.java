package io.aisle.recommender.alsobought;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.format.ModelFormatException;
import io.aisle.recommender.format.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The portable also-bought file, {@value #FILE_NAME}: JSON, self-describing, readable by any language.
 *
 * <pre>{@code
 * {"format": "aisle-item-neighbours", "formatVersion": 1, "similarity": "ease",
 *  "items": [{"item": "whole milk", "category": "dairy", "count": 2513,
 *             "neighbours": [{"item": "yogurt", "score": 0.031}, ...]}, ...]}
 * }</pre>
 * {@code category} may be null; {@code neighbours} are best first and name items of the same file.
 */
public final class ItemNeighboursFormat {

    public static final String FILE_NAME = "neighbours.json";
    public static final String FORMAT = "aisle-item-neighbours";
    public static final int FORMAT_VERSION = 1;

    private ItemNeighboursFormat() {
    }

    public static void write(ItemNeighbours model, Path file) {
        ItemCatalog catalog = model.catalog();
        ObjectNode root = StrictJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("similarity", model.similarity());
        ArrayNode items = root.putArray("items");
        for (int i = 0; i < catalog.size(); i++) {
            ObjectNode item = items.addObject();
            item.put("item", catalog.itemId(i));
            item.put("category", catalog.categoryOrNull(i));
            item.put("count", catalog.count(i));
            ArrayNode neighbours = item.putArray("neighbours");
            int[] indices = model.neighbourIndices(i);
            double[] scores = model.neighbourScores(i);
            for (int n = 0; n < indices.length; n++) {
                neighbours.addObject().put("item", catalog.itemId(indices[n])).put("score", scores[n]);
            }
        }
        try {
            StrictJson.MAPPER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads and validates the file; any problem fails with a message naming the file and field. */
    public static ItemNeighbours read(Path file) {
        StrictJson json = StrictJson.of(file);
        JsonNode root = StrictJson.read(file);
        json.expectFormat(root, FORMAT, FORMAT_VERSION);
        String similarity = json.text(root, "", "similarity");
        JsonNode items = json.array(root, "", "items");
        List<String> ids = new ArrayList<>(items.size());
        List<String> categories = new ArrayList<>(items.size());
        long[] counts = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            String path = "items[" + i + "]";
            JsonNode item = items.get(i);
            ids.add(json.text(item, path, "item"));
            categories.add(json.optionalText(item, path, "category"));
            counts[i] = json.nonNegativeLong(item, path, "count");
        }
        ItemCatalog catalog;
        try {
            catalog = new ItemCatalog(ids, categories, counts);
        } catch (IllegalArgumentException e) {
            throw json.error("items", e.getMessage());
        }
        int[][] indices = new int[items.size()][];
        double[][] scores = new double[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            String path = "items[" + i + "]";
            JsonNode neighbours = json.array(items.get(i), path, "neighbours");
            indices[i] = new int[neighbours.size()];
            scores[i] = new double[neighbours.size()];
            for (int n = 0; n < neighbours.size(); n++) {
                String neighbourPath = path + ".neighbours[" + n + "]";
                String id = json.text(neighbours.get(n), neighbourPath, "item");
                OptionalInt index = catalog.findIndex(id);
                if (index.isEmpty() || index.getAsInt() == i) {
                    throw json.error(neighbourPath + ".item", "names '" + id + "', which is not another item of this file");
                }
                indices[i][n] = index.getAsInt();
                scores[i][n] = json.finiteDouble(neighbours.get(n), neighbourPath, "score");
            }
        }
        try {
            return new ItemNeighbours(catalog, similarity, indices, scores);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
