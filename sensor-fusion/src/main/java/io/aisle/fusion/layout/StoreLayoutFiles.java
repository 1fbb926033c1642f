package io.aisle.fusion.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.vision.observation.StorePoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the store layout JSON format:
 *
 * <pre>{@code
 * {"store": "s1", "floor": {"widthMeters": 20, "depthMeters": 12},
 *  "entry": {"minX": 0, "minY": 0, "maxX": 2, "maxY": 1}, "exit": {...},
 *  "products": [{"sku": "A", "name": "Oats", "unitWeightGrams": 500, "weightStdDevGrams": 4, "appearanceId": "app-A"}],
 *  "gondolas": [{"id": "G1", "shelves": [{"id": "G1-S1", "plates": [
 *     {"id": "G1-S1-P1", "loadCell": "LC-1", "capacityGrams": 20000,
 *      "box": {"min": [1, 3, 0.3], "max": [1.5, 3.5, 0.6]},
 *      "facings": [{"sku": "A", "count": 10}]}]}]}]}
 * }</pre>
 *
 * A malformed file is refused with a {@link LayoutFormatException} naming the JSON path of the field.
 */
public final class StoreLayoutFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StoreLayoutFiles() {
    }

    public static StoreLayout read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read layout " + file, e);
        }
    }

    public static StoreLayout parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LayoutFormatException("layout is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LayoutFormatException("layout must be a JSON object");
        }
        String storeId = text(root, "store", "store");
        JsonNode floor = object(root, "floor", "floor");
        double width = positive(floor, "widthMeters", "floor.widthMeters");
        double depth = positive(floor, "depthMeters", "floor.depthMeters");
        FloorZone entry = zone(object(root, "entry", "entry"), "entry");
        FloorZone exit = zone(object(root, "exit", "exit"), "exit");

        List<Product> products = new ArrayList<>();
        JsonNode productNodes = array(root, "products", "products");
        for (int i = 0; i < productNodes.size(); i++) {
            String path = "products[" + i + "]";
            JsonNode node = productNodes.get(i);
            products.add(new Product(text(node, "sku", path + ".sku"), text(node, "name", path + ".name"),
                    positive(node, "unitWeightGrams", path + ".unitWeightGrams"),
                    nonNegative(node, "weightStdDevGrams", path + ".weightStdDevGrams"),
                    text(node, "appearanceId", path + ".appearanceId")));
        }
        List<String> skus = products.stream().map(Product::sku).toList();
        if (skus.stream().distinct().count() != skus.size()) {
            throw new LayoutFormatException("products: duplicate sku");
        }

        List<Plate> plates = new ArrayList<>();
        JsonNode gondolas = array(root, "gondolas", "gondolas");
        for (int g = 0; g < gondolas.size(); g++) {
            String gPath = "gondolas[" + g + "]";
            String gondolaId = text(gondolas.get(g), "id", gPath + ".id");
            JsonNode shelves = array(gondolas.get(g), "shelves", gPath + ".shelves");
            for (int s = 0; s < shelves.size(); s++) {
                String sPath = gPath + ".shelves[" + s + "]";
                String shelfId = text(shelves.get(s), "id", sPath + ".id");
                JsonNode plateNodes = array(shelves.get(s), "plates", sPath + ".plates");
                for (int p = 0; p < plateNodes.size(); p++) {
                    plates.add(plate(plateNodes.get(p), gPath + ".shelves[" + s + "].plates[" + p + "]",
                            gondolaId, shelfId, skus));
                }
            }
        }
        if (plates.stream().map(Plate::id).distinct().count() != plates.size()) {
            throw new LayoutFormatException("gondolas: duplicate plate id");
        }
        return new StoreLayout(storeId, width, depth, entry, exit, products, plates);
    }

    private static Plate plate(JsonNode node, String path, String gondolaId, String shelfId, List<String> skus) {
        String id = text(node, "id", path + ".id");
        String loadCell = text(node, "loadCell", path + ".loadCell");
        double capacity = positive(node, "capacityGrams", path + ".capacityGrams");
        JsonNode box = object(node, "box", path + ".box");
        StorePoint min = point(box, "min", path + ".box.min");
        StorePoint max = point(box, "max", path + ".box.max");
        if (!(min.xMeters() < max.xMeters()) || !(min.yMeters() < max.yMeters()) || !(min.zMeters() < max.zMeters())) {
            throw new LayoutFormatException(path + ".box: min must be below max on every axis");
        }
        List<Facing> facings = new ArrayList<>();
        JsonNode facingNodes = array(node, "facings", path + ".facings");
        for (int f = 0; f < facingNodes.size(); f++) {
            String fPath = path + ".facings[" + f + "]";
            String sku = text(facingNodes.get(f), "sku", fPath + ".sku");
            if (!skus.contains(sku)) {
                throw new LayoutFormatException(fPath + ".sku: unknown product '" + sku + "'");
            }
            JsonNode count = facingNodes.get(f).get("count");
            if (count == null || !count.isInt() || count.intValue() < 0) {
                throw new LayoutFormatException(fPath + ".count: must be an integer >= 0");
            }
            facings.add(new Facing(sku, count.intValue()));
        }
        return new Plate(id, gondolaId, shelfId, loadCell, new PlateBox(min, max), capacity, facings);
    }

    private static FloorZone zone(JsonNode node, String path) {
        double minX = number(node, "minX", path + ".minX");
        double minY = number(node, "minY", path + ".minY");
        double maxX = number(node, "maxX", path + ".maxX");
        double maxY = number(node, "maxY", path + ".maxY");
        if (!(minX < maxX) || !(minY < maxY)) {
            throw new LayoutFormatException(path + ": min must be below max");
        }
        return new FloorZone(minX, minY, maxX, maxY);
    }

    private static StorePoint point(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray() || node.size() != 3) {
            throw new LayoutFormatException(path + ": must be an array of 3 numbers [x, y, z] in meters");
        }
        for (int i = 0; i < 3; i++) {
            if (!node.get(i).isNumber()) {
                throw new LayoutFormatException(path + "[" + i + "]: must be a number");
            }
        }
        return new StorePoint(node.get(0).doubleValue(), node.get(1).doubleValue(), node.get(2).doubleValue());
    }

    private static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new LayoutFormatException(path + ": missing or not an object");
        }
        return node;
    }

    private static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new LayoutFormatException(path + ": missing or not an array");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new LayoutFormatException(path + ": missing or not a non-blank string");
        }
        return node.textValue();
    }

    private static double number(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new LayoutFormatException(path + ": missing or not a finite number");
        }
        return node.doubleValue();
    }

    private static double positive(JsonNode parent, String field, String path) {
        double value = number(parent, field, path);
        if (!(value > 0)) {
            throw new LayoutFormatException(path + ": must be > 0 but was " + value);
        }
        return value;
    }

    private static double nonNegative(JsonNode parent, String field, String path) {
        double value = number(parent, field, path);
        if (value < 0) {
            throw new LayoutFormatException(path + ": must be >= 0 but was " + value);
        }
        return value;
    }

    /** The layout as JSON in the format {@link #parse(String)} reads; plates are grouped by gondola and shelf. */
    public static String toJson(StoreLayout layout) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("store", layout.storeId());
        ObjectNode floor = root.putObject("floor");
        floor.put("widthMeters", layout.floorWidthMeters());
        floor.put("depthMeters", layout.floorDepthMeters());
        writeZone(root.putObject("entry"), layout.entry());
        writeZone(root.putObject("exit"), layout.exit());
        ArrayNode products = root.putArray("products");
        for (Product p : layout.products()) {
            ObjectNode node = products.addObject();
            node.put("sku", p.sku());
            node.put("name", p.name());
            node.put("unitWeightGrams", p.unitWeightGrams());
            node.put("weightStdDevGrams", p.weightStdDevGrams());
            node.put("appearanceId", p.appearanceId());
        }
        ArrayNode gondolas = root.putArray("gondolas");
        ObjectNode gondola = null;
        ObjectNode shelf = null;
        for (Plate plate : layout.plates()) {
            if (gondola == null || !gondola.get("id").textValue().equals(plate.gondolaId())) {
                gondola = gondolas.addObject();
                gondola.put("id", plate.gondolaId());
                gondola.putArray("shelves");
                shelf = null;
            }
            if (shelf == null || !shelf.get("id").textValue().equals(plate.shelfId())) {
                shelf = ((ArrayNode) gondola.get("shelves")).addObject();
                shelf.put("id", plate.shelfId());
                shelf.putArray("plates");
            }
            ObjectNode node = ((ArrayNode) shelf.get("plates")).addObject();
            node.put("id", plate.id());
            node.put("loadCell", plate.loadCellId());
            node.put("capacityGrams", plate.capacityGrams());
            ObjectNode box = node.putObject("box");
            writePoint(box.putArray("min"), plate.box().min());
            writePoint(box.putArray("max"), plate.box().max());
            ArrayNode facings = node.putArray("facings");
            for (Facing facing : plate.facings()) {
                facings.addObject().put("sku", facing.sku()).put("count", facing.count());
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("layout cannot be written as JSON", e);
        }
    }

    private static void writeZone(ObjectNode node, FloorZone zone) {
        node.put("minX", zone.minXMeters());
        node.put("minY", zone.minYMeters());
        node.put("maxX", zone.maxXMeters());
        node.put("maxY", zone.maxYMeters());
    }

    private static void writePoint(ArrayNode node, StorePoint point) {
        node.add(point.xMeters()).add(point.yMeters()).add(point.zMeters());
    }
}
