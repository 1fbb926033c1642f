package io.aisle.recommender.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisle.recommender.format.StrictJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A booster's trees walked in plain Java: for a re-rank of 100 rows, XGBoost's native prediction spends
 * most of its ~200 us in per-call set-up, while the walk itself is a few thousand comparisons.
 *
 * <p>The trees come from the booster's JSON dump; a split sends a row to {@code yes} when its value is
 * below {@code split_condition}, to {@code missing} when the value is missing (NaN), else to {@code no},
 * and the score is the base score plus the leaves, summed in single precision as XGBoost does. The base
 * score is read back from one prediction. {@link #of} checks the walk against XGBoost's prediction on
 * random rows and gives up (empty) on any difference, so a booster this reading does not cover (an
 * objective that transforms the margin, a linear booster, DART, categorical splits, several outputs)
 * keeps the native path.
 */
final class TreeEnsemble {

    /** Largest difference from XGBoost's own prediction accepted by the load-time check. */
    static final double TOLERANCE = 1e-6;

    /** Per tree and node: the split's feature, or -1 at a leaf. Nodes are numbered so that children sit side by side. */
    private final int[][] feature;
    private final float[][] threshold;
    /** The node a row below the threshold goes to; a row at or above it goes to the next one. */
    private final int[][] yes;
    /** Whether a missing (NaN) value goes to {@code yes}. */
    private final boolean[][] missingGoesYes;
    private final float[][] leaf;
    private final float base;

    private TreeEnsemble(int[][] feature, float[][] threshold, int[][] yes, boolean[][] missingGoesYes, float[][] leaf,
                         float base) {
        this.feature = feature;
        this.threshold = threshold;
        this.yes = yes;
        this.missingGoesYes = missingGoesYes;
        this.leaf = leaf;
        this.base = base;
    }

    /** The booster's trees, or empty when the walk would not reproduce XGBoost exactly. */
    static Optional<TreeEnsemble> of(Booster booster, int features) {
        try {
            String[] names = new String[features];
            for (int f = 0; f < features; f++) {
                names[f] = "f" + f;
            }
            String[] dumps = booster.getModelDump(names, false, "json");
            int trees = dumps.length;
            int[][] feature = new int[trees][];
            float[][] threshold = new float[trees][];
            int[][] yes = new int[trees][];
            boolean[][] missingGoesYes = new boolean[trees][];
            float[][] leaf = new float[trees][];
            for (int t = 0; t < trees; t++) {
                List<JsonNode> nodes = new ArrayList<>();
                collect(StrictJson.MAPPER.readTree(dumps[t]), nodes);
                Map<Integer, JsonNode> byId = new HashMap<>();
                nodes.forEach(node -> byId.put(node.get("nodeid").asInt(), node));
                int size = nodes.size();
                feature[t] = new int[size];
                threshold[t] = new float[size];
                yes[t] = new int[size];
                missingGoesYes[t] = new boolean[size];
                leaf[t] = new float[size];
                // Breadth first from the root, giving each split's two children the next two numbers.
                List<JsonNode> order = new ArrayList<>(List.of(byId.get(0)));
                for (int at = 0; at < order.size(); at++) {
                    JsonNode node = order.get(at);
                    if (node.has("leaf")) {
                        feature[t][at] = -1;
                        leaf[t][at] = (float) node.get("leaf").asDouble();
                        continue;
                    }
                    String split = node.get("split").asText();
                    JsonNode below = byId.get(node.path("yes").asInt(-1));
                    JsonNode above = byId.get(node.path("no").asInt(-1));
                    int missing = node.path("missing").asInt(-1);
                    if (!split.startsWith("f") || !node.has("split_condition") || below == null || above == null
                            || (missing != below.get("nodeid").asInt() && missing != above.get("nodeid").asInt())
                            || order.size() + 2 > size) {
                        return Optional.empty();
                    }
                    feature[t][at] = Integer.parseInt(split.substring(1));
                    threshold[t][at] = (float) node.get("split_condition").asDouble();
                    yes[t][at] = order.size();
                    missingGoesYes[t][at] = missing == below.get("nodeid").asInt();
                    order.add(below);
                    order.add(above);
                }
                if (order.size() != size) {
                    return Optional.empty();
                }
            }
            TreeEnsemble walk = new TreeEnsemble(feature, threshold, yes, missingGoesYes, leaf, 0f);
            float[] zero = new float[features];
            float base = ReRanker.nativePredictions(booster, zero, 1, features)[0] - walk.score(zero, 0, features);
            TreeEnsemble ensemble = new TreeEnsemble(feature, threshold, yes, missingGoesYes, leaf, base);
            return ensemble.agreesWith(booster, features) ? Optional.of(ensemble) : Optional.empty();
        } catch (XGBoostError | RuntimeException | IOException e) {
            return Optional.empty();
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        out.add(node);
        JsonNode children = node.get("children");
        if (children != null) {
            children.forEach(child -> collect(child, out));
        }
    }

    /** Random rows, some values missing and some on a threshold exactly: the walk must match XGBoost. */
    private boolean agreesWith(Booster booster, int features) throws XGBoostError {
        Random random = new Random(7);
        int rows = 500;
        float[] data = new float[rows * features];
        for (int i = 0; i < data.length; i++) {
            int t = random.nextInt(threshold.length);
            float[] splits = threshold[t];
            data[i] = switch (random.nextInt(6)) {
                case 0 -> Float.NaN;
                case 1 -> splits.length == 0 ? 0f : splits[random.nextInt(splits.length)];
                default -> (float) (random.nextGaussian() * 3);
            };
        }
        float[] expected = ReRanker.nativePredictions(booster, data, rows, features);
        for (int r = 0; r < rows; r++) {
            if (!(Math.abs(score(data, r * features, features) - expected[r]) <= TOLERANCE)) {
                return false;
            }
        }
        return true;
    }

    /** The score of the row that starts at {@code offset} in {@code data}. */
    float score(float[] data, int offset, int features) {
        for (int f = 0; f < features; f++) {
            if (Float.isNaN(data[offset + f])) {
                return scoreWithMissing(data, offset);
            }
        }
        float sum = base;
        for (int t = 0; t < feature.length; t++) {
            int[] splitFeature = feature[t];
            float[] splitAt = threshold[t];
            int[] below = yes[t];
            int node = 0;
            while (splitFeature[node] >= 0) {
                // Which way a row goes is data, so a branch would be mispredicted half the time; the sibling
                // numbering turns it into an addition.
                node = below[node] + (data[offset + splitFeature[node]] < splitAt[node] ? 0 : 1);
            }
            sum += leaf[t][node];
        }
        return sum;
    }

    private float scoreWithMissing(float[] data, int offset) {
        float sum = base;
        for (int t = 0; t < feature.length; t++) {
            int node = 0;
            while (feature[t][node] >= 0) {
                float value = data[offset + feature[t][node]];
                boolean goesBelow = Float.isNaN(value) ? missingGoesYes[t][node] : value < threshold[t][node];
                node = yes[t][node] + (goesBelow ? 0 : 1);
            }
            sum += leaf[t][node];
        }
        return sum;
    }
}
