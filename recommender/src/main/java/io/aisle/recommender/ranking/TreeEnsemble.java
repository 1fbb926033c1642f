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

    /**
     * One tree, by node, numbered breadth first so that a split's two children sit side by side.
     *
     * @param feature the split's feature, or -1 at a leaf
     * @param below the node a row below the threshold goes to; a row at or above it goes to the next one
     * @param missingGoesBelow whether a missing (NaN) value goes to {@code below}
     */
    private record Tree(int[] feature, float[] threshold, int[] below, boolean[] missingGoesBelow, float[] leaf) {

        /** The tree of one JSON dump, or empty when the dump is not a binary tree of numbered feature splits. */
        static Optional<Tree> read(JsonNode root) {
            List<JsonNode> nodes = new ArrayList<>();
            collect(root, nodes);
            Map<Integer, JsonNode> byId = new HashMap<>();
            nodes.forEach(node -> byId.put(node.get("nodeid").asInt(), node));
            int size = nodes.size();
            Tree tree = new Tree(new int[size], new float[size], new int[size], new boolean[size], new float[size]);
            List<JsonNode> order = new ArrayList<>(List.of(byId.get(0)));
            for (int at = 0; at < order.size(); at++) {
                JsonNode node = order.get(at);
                if (node.has("leaf")) {
                    tree.feature[at] = -1;
                    tree.leaf[at] = (float) node.get("leaf").asDouble();
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
                tree.feature[at] = Integer.parseInt(split.substring(1));
                tree.threshold[at] = (float) node.get("split_condition").asDouble();
                tree.below[at] = order.size();
                tree.missingGoesBelow[at] = missing == below.get("nodeid").asInt();
                order.add(below);
                order.add(above);
            }
            return order.size() == size ? Optional.of(tree) : Optional.empty();
        }
    }

    private final Tree[] trees;
    private final float base;

    private TreeEnsemble(Tree[] trees, float base) {
        this.trees = trees;
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
            Tree[] trees = new Tree[dumps.length];
            for (int t = 0; t < trees.length; t++) {
                Optional<Tree> tree = Tree.read(StrictJson.MAPPER.readTree(dumps[t]));
                if (tree.isEmpty()) {
                    return Optional.empty();
                }
                trees[t] = tree.get();
            }
            float[] zero = new float[features];
            float base = ReRanker.nativePredictions(booster, zero, 1, features)[0]
                    - new TreeEnsemble(trees, 0f).score(zero, 0, features);
            TreeEnsemble ensemble = new TreeEnsemble(trees, base);
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
            float[] splits = trees[random.nextInt(trees.length)].threshold();
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
        for (Tree tree : trees) {
            int[] feature = tree.feature();
            float[] threshold = tree.threshold();
            int[] below = tree.below();
            int node = 0;
            while (feature[node] >= 0) {
                // Which way a row goes is data, so a branch would be mispredicted half the time; the sibling
                // numbering turns it into an addition.
                node = below[node] + (data[offset + feature[node]] < threshold[node] ? 0 : 1);
            }
            sum += tree.leaf()[node];
        }
        return sum;
    }

    private float scoreWithMissing(float[] data, int offset) {
        float sum = base;
        for (Tree tree : trees) {
            int node = 0;
            while (tree.feature()[node] >= 0) {
                float value = data[offset + tree.feature()[node]];
                boolean goesBelow = Float.isNaN(value) ? tree.missingGoesBelow()[node] : value < tree.threshold()[node];
                node = tree.below()[node] + (goesBelow ? 0 : 1);
            }
            sum += tree.leaf()[node];
        }
        return sum;
    }
}
