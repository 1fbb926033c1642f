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
     * One tree, by node, numbered breadth first so that a split's two children sit side by side. A leaf
     * sends every row back to itself (its threshold is NaN, so no value is below it, and {@code below} is the
     * node before it), so a walk of exactly {@code depth} steps ends on the row's leaf wherever it is: the
     * walk's length no longer depends on the data, and the processor does not mispredict where it ends.
     *
     * @param feature the split's feature (0 at a leaf, never read for a decision there)
     * @param threshold the split's threshold, or NaN at a leaf
     * @param below the node a row below the threshold goes to; a row at or above it goes to the next one
     * @param missingGoesBelow whether a missing (NaN) value goes to {@code below}
     * @param depth the most splits on a way from the root to a leaf
     */
    private record Tree(int[] feature, float[] threshold, int[] below, boolean[] missingGoesBelow, float[] leaf, int depth) {

        /** The tree of one JSON dump, or empty when the dump is not a binary tree of numbered feature splits. */
        static Optional<Tree> read(JsonNode root) {
            List<JsonNode> nodes = new ArrayList<>();
            collect(root, nodes);
            Map<Integer, JsonNode> byId = new HashMap<>();
            nodes.forEach(node -> byId.put(node.get("nodeid").asInt(), node));
            int size = nodes.size();
            int[] feature = new int[size];
            float[] threshold = new float[size];
            int[] below = new int[size];
            boolean[] missingGoesBelow = new boolean[size];
            float[] leaf = new float[size];
            int[] depthOf = new int[size];
            int depth = 0;
            List<JsonNode> order = new ArrayList<>(List.of(byId.get(0)));
            for (int at = 0; at < order.size(); at++) {
                JsonNode node = order.get(at);
                if (node.has("leaf")) {
                    threshold[at] = Float.NaN;
                    below[at] = at - 1;
                    leaf[at] = (float) node.get("leaf").asDouble();
                    depth = Math.max(depth, depthOf[at]);
                    continue;
                }
                String split = node.get("split").asText();
                JsonNode yes = byId.get(node.path("yes").asInt(-1));
                JsonNode no = byId.get(node.path("no").asInt(-1));
                int missing = node.path("missing").asInt(-1);
                float condition = (float) node.path("split_condition").asDouble(Double.NaN);
                if (!split.startsWith("f") || Float.isNaN(condition) || yes == null || no == null
                        || (missing != yes.get("nodeid").asInt() && missing != no.get("nodeid").asInt())
                        || order.size() + 2 > size) {
                    return Optional.empty();
                }
                feature[at] = Integer.parseInt(split.substring(1));
                threshold[at] = condition;
                below[at] = order.size();
                missingGoesBelow[at] = missing == yes.get("nodeid").asInt();
                depthOf[order.size()] = depthOf[at] + 1;
                depthOf[order.size() + 1] = depthOf[at] + 1;
                order.add(yes);
                order.add(no);
            }
            return order.size() == size ? Optional.of(new Tree(feature, threshold, below, missingGoesBelow, leaf, depth)) : Optional.empty();
        }

        /** The leaf value of the row at {@code offset}, which has no missing value. */
        float leafOf(float[] data, int offset) {
            int node = 0;
            for (int step = 0; step < depth; step++) {
                // Which way a row goes is data, so a branch would be mispredicted half the time; the sibling
                // numbering turns it into an addition.
                node = below[node] + (data[offset + feature[node]] < threshold[node] ? 0 : 1);
            }
            return leaf[node];
        }

        /** The leaf value of a row that may have missing values. */
        float leafOfWithMissing(float[] data, int offset) {
            int node = 0;
            while (!Float.isNaN(threshold[node])) {
                float value = data[offset + feature[node]];
                boolean goesBelow = Float.isNaN(value) ? missingGoesBelow[node] : value < threshold[node];
                node = below[node] + (goesBelow ? 0 : 1);
            }
            return leaf[node];
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
                    - new TreeEnsemble(trees, 0f).scoreRows(zero, 1, features)[0];
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
            float[] thresholds = trees[random.nextInt(trees.length)].threshold();
            float onASplit = thresholds[random.nextInt(thresholds.length)];
            data[i] = switch (random.nextInt(6)) {
                case 0 -> Float.NaN;
                case 1 -> Float.isNaN(onASplit) ? 0f : onASplit; // a leaf's threshold is NaN
                default -> (float) (random.nextGaussian() * 3);
            };
        }
        float[] expected = ReRanker.nativePredictions(booster, data, rows, features);
        float[] walked = scoreRows(data, rows, features);
        for (int r = 0; r < rows; r++) {
            if (!(Math.abs(walked[r] - expected[r]) <= TOLERANCE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The scores of the first {@code rows} rows of a row-major matrix with {@code features} columns. Tree by
     * tree rather than row by row: a tree stays in the cache for all rows, and the walks of different rows,
     * which do not wait on each other, overlap in the processor. Each row still adds its leaves in tree
     * order, as XGBoost does.
     */
    float[] scoreRows(float[] data, int rows, int features) {
        float[] sums = new float[rows];
        boolean[] hasMissing = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            sums[r] = base;
            for (int f = 0; f < features; f++) {
                hasMissing[r] |= Float.isNaN(data[r * features + f]);
            }
        }
        for (Tree tree : trees) {
            for (int r = 0; r < rows; r++) {
                int offset = r * features;
                sums[r] += hasMissing[r] ? tree.leafOfWithMissing(data, offset) : tree.leafOf(data, offset);
            }
        }
        return sums;
    }
}
