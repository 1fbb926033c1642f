package io.aisle.recommender.foryou;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.aisle.recommender.catalog.ItemCatalog;
import io.aisle.recommender.format.ModelFormatException;
import io.aisle.recommender.format.StrictJson;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The portable for-you model: two files any language can read.
 *
 * <p>{@value #DESCRIPTION_FILE} (JSON): {@code format "aisle-fm"}, {@code formatVersion 2} (1 is read too:
 * a model without history features), {@code historyFeatures} (boolean), {@code userFeatureWeight} (the value of a
 * user's own feature, 0 to 1; 1 in version 1), {@code factorSize}, {@code negativeSamplingExponent} (see {@link ForYouModel#rankingPrior}), {@code users} (ids in feature order), {@code items} (each {@code item},
 * {@code category} or null, {@code count}, {@code recency} in [0, 1]), {@code categories} (names in
 * feature order) and {@code histories} (per user, the item indices bought in training). The feature
 * layout is described in {@link ForYouModel}.
 *
 * <p>{@value #WEIGHTS_FILE} (binary, big-endian): the 8 ASCII bytes {@code AISLEFM1}, int32 feature
 * count, int32 factor size, float64 intercept, float64 linear weights (one per feature), then float64
 * factors, row-major feature x factor.
 */
public final class ForYouFormat {

    public static final String DESCRIPTION_FILE = "fm.json";
    public static final String WEIGHTS_FILE = "fm-weights.bin";
    public static final String FORMAT = "aisle-fm";
    public static final int FORMAT_VERSION = 2;
    /** The first version, without history features; still read. */
    static final int FORMAT_VERSION_WITHOUT_HISTORY = 1;
    private static final byte[] MAGIC = {'A', 'I', 'S', 'L', 'E', 'F', 'M', '1'};

    private ForYouFormat() {
    }

    public static void write(ForYouModel model, Path folder) {
        try {
            writeDescription(model, folder.resolve(DESCRIPTION_FILE));
            writeWeights(model.machine(), folder.resolve(WEIGHTS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the for-you model into " + folder, e);
        }
    }

    private static void writeDescription(ForYouModel model, Path file) throws IOException {
        ItemCatalog catalog = model.catalog();
        try (JsonGenerator json = StrictJson.MAPPER.getFactory().createGenerator(file.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("formatVersion", FORMAT_VERSION);
            json.writeBooleanField("historyFeatures", model.historyFeatures());
            json.writeNumberField("userFeatureWeight", model.userFeatureWeight());
            json.writeNumberField("factorSize", model.machine().factorSize());
            json.writeNumberField("negativeSamplingExponent", model.samplingExponent());
            json.writeArrayFieldStart("users");
            for (String user : model.users()) {
                json.writeString(user);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("categories");
            for (String category : model.categories()) {
                json.writeString(category);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("items");
            for (int i = 0; i < catalog.size(); i++) {
                json.writeStartObject();
                json.writeStringField("item", catalog.itemId(i));
                json.writeStringField("category", catalog.categoryOrNull(i));
                json.writeNumberField("count", catalog.count(i));
                json.writeNumberField("recency", model.recency(i));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("histories");
            for (int u = 0; u < model.users().size(); u++) {
                int[] history = model.history(u);
                json.writeArray(history, 0, history.length);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeWeights(FactorizationMachine fm, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.write(MAGIC);
            out.writeInt(fm.featureCount());
            out.writeInt(fm.factorSize());
            out.writeDouble(fm.intercept());
            for (double weight : fm.linearWeights()) {
                out.writeDouble(weight);
            }
            for (double weight : fm.factorWeights()) {
                out.writeDouble(weight);
            }
        }
    }

    /** Reads both files; any problem fails naming the file and the field. */
    public static ForYouModel read(Path folder) {
        Path description = folder.resolve(DESCRIPTION_FILE);
        StrictJson json = StrictJson.of(description);
        JsonNode root = StrictJson.read(description);
        int version = json.expectFormat(root, FORMAT, FORMAT_VERSION_WITHOUT_HISTORY, FORMAT_VERSION);
        boolean historyFeatures = version > FORMAT_VERSION_WITHOUT_HISTORY && json.bool(root, "", "historyFeatures");
        double userFeatureWeight = version > FORMAT_VERSION_WITHOUT_HISTORY ? json.finiteDouble(root, "", "userFeatureWeight") : 1;
        int factorSize = json.positiveInt(root, "", "factorSize");
        double samplingExponent = json.finiteDouble(root, "", "negativeSamplingExponent");
        if (samplingExponent < 0 || samplingExponent > 1) {
            throw json.error("negativeSamplingExponent", "must be in [0, 1] but was " + samplingExponent);
        }
        List<String> users = strings(json, json.array(root, "", "users"), "users");
        List<String> categories = strings(json, json.array(root, "", "categories"), "categories");
        JsonNode items = json.array(root, "", "items");
        List<String> ids = new ArrayList<>(items.size());
        List<String> itemCategories = new ArrayList<>(items.size());
        long[] counts = new long[items.size()];
        double[] recency = new double[items.size()];
        int[] categoryIndex = new int[items.size()];
        java.util.Map<String, Integer> categoryPositions = new java.util.HashMap<>();
        for (int c = 0; c < categories.size(); c++) {
            categoryPositions.put(categories.get(c), c);
        }
        for (int i = 0; i < items.size(); i++) {
            String path = "items[" + i + "]";
            JsonNode item = items.get(i);
            ids.add(json.text(item, path, "item"));
            String category = json.optionalText(item, path, "category");
            itemCategories.add(category);
            Integer position = category == null ? Integer.valueOf(-1) : categoryPositions.get(category);
            if (position == null) {
                throw json.error(path + ".category", "names '" + category + "', which is not in categories");
            }
            categoryIndex[i] = position;
            counts[i] = json.nonNegativeLong(item, path, "count");
            recency[i] = json.finiteDouble(item, path, "recency");
            if (recency[i] < 0 || recency[i] > 1) {
                throw json.error(path + ".recency", "must be in [0, 1] but was " + recency[i]);
            }
        }
        JsonNode historiesNode = json.array(root, "", "histories");
        if (historiesNode.size() != users.size()) {
            throw json.error("histories", "must have one entry per user (" + users.size() + ") but had " + historiesNode.size());
        }
        int[][] histories = new int[users.size()][];
        for (int u = 0; u < users.size(); u++) {
            JsonNode history = historiesNode.get(u);
            if (!history.isArray()) {
                throw json.error("histories[" + u + "]", "must be an array");
            }
            histories[u] = new int[history.size()];
            for (int h = 0; h < history.size(); h++) {
                JsonNode index = history.get(h);
                if (!index.isInt() || index.asInt() < 0 || index.asInt() >= items.size()) {
                    throw json.error("histories[" + u + "][" + h + "]", "must be an item index in [0, " + items.size() + ") but was " + index);
                }
                histories[u][h] = index.asInt();
            }
        }
        ItemCatalog catalog;
        try {
            catalog = new ItemCatalog(ids, itemCategories, counts);
        } catch (IllegalArgumentException e) {
            throw json.error("items", e.getMessage());
        }
        FactorizationMachine machine = readWeights(folder.resolve(WEIGHTS_FILE),
                ForYouModel.featureCount(users.size(), ids.size(), categories.size(), historyFeatures), factorSize);
        try {
            return new ForYouModel(machine, users, catalog, categories, categoryIndex, recency, histories, samplingExponent,
                    historyFeatures, userFeatureWeight);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(DESCRIPTION_FILE + ": " + e.getMessage(), e);
        }
    }

    private static FactorizationMachine readWeights(Path file, int expectedFeatures, int expectedFactorSize) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(WEIGHTS_FILE + ": file is missing");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new ModelFormatException(WEIGHTS_FILE + ": does not start with AISLEFM1 (not an Aisle FM weights file, or an unknown version)");
            }
            int features = in.readInt();
            int factorSize = in.readInt();
            if (features != expectedFeatures || factorSize != expectedFactorSize) {
                throw new ModelFormatException(WEIGHTS_FILE + ": holds " + features + " features x " + factorSize
                        + " factors but " + DESCRIPTION_FILE + " describes " + expectedFeatures + " x " + expectedFactorSize);
            }
            double intercept = in.readDouble();
            double[] linear = new double[features];
            for (int i = 0; i < features; i++) {
                linear[i] = in.readDouble();
            }
            double[] factors = new double[features * factorSize];
            for (int i = 0; i < factors.length; i++) {
                factors[i] = in.readDouble();
            }
            if (in.read() != -1) {
                throw new ModelFormatException(WEIGHTS_FILE + ": has bytes after the last factor");
            }
            return new FactorizationMachine(features, factorSize, intercept, linear, factors);
        } catch (EOFException e) {
            throw new ModelFormatException(WEIGHTS_FILE + ": ends early (truncated)", e);
        } catch (IOException e) {
            throw new ModelFormatException(WEIGHTS_FILE + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(StrictJson json, JsonNode array, String path) {
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (!value.isTextual() || value.asText().isEmpty()) {
                throw json.error(path + "[" + i + "]", "must be a non-empty string but was " + value);
            }
            values.add(value.asText());
        }
        return values;
    }
}
