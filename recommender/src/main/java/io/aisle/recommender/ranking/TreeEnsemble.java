package io.aisle.recommender.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import io.aisle.recommender.format.StrictJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

    private final int[][] feature;
    private final float[][] threshold;
    private final int[][] yes;
    private final int[][] no;
    private final int[][] missing;
    private final float[][] leaf;
    private final float base;

    private TreeEnsemble(int[][] feature, float[][] threshold, int[][] yes, int[][] no, int[][] missing,
                         float[][] leaf, float base) {
        this.feature = feature;
        this.threshold = threshold;
        this.yes = yes;
        this.no = no;
        this.missing = missing;
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
            int[][] no = new int[trees][];
            int[][] missing = new int[trees][];
            float[][] leaf = new float[trees][];
            for (int t = 0; t < trees; t++) {
                List<JsonNode> nodes = new ArrayList<>();
                collect(StrictJson.MAPPER.readTree(dumps[t]), nodes);
                int size = nodes.stream().mapToInt(node -> node.get("nodeid").asInt()).max().orElse(-1) + 1;
                feature[t] = new int[size];
                threshold[t] = new float[size];
                yes[t] = new int[size];
                no[t] = new int[size];
                missing[t] = new int[size];
                leaf[t] = new float[size];
                for (JsonNode node : nodes) {
                    int id = node.get("nodeid").asInt();
                    if (node.has("leaf")) {
                        feature[t][id] = -1;
                        leaf[t][id] = (float) node.get("leaf").asDouble();
                    } else {
                        String split = node.get("split").asText();
                        if (!split.startsWith("f") || !node.has("split_condition")) {
                            return Optional.empty();
                        }
                        feature[t][id] = Integer.parseInt(split.substring(1));
                        threshold[t][id] = (float) node.get("split_condition").asDouble();
                        yes[t][id] = node.get("yes").asInt();
                        no[t][id] = node.get("no").asInt();
                        missing[t][id] = node.get("missing").asInt();
                    }
                }
            }
            TreeEnsemble walk = new TreeEnsemble(feature, threshold, yes, no, missing, leaf, 0f);
            float[] zero = new float[features];
            float base = ReRanker.nativePredictions(booster, zero, 1, features)[0] - walk.score(zero, 0, features);
            TreeEnsemble ensemble = new TreeEnsemble(feature, threshold, yes, no, missing, leaf, base);
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
        float sum = base;
        for (int t = 0; t < feature.length; t++) {
            int[] splitFeature = feature[t];
            int node = 0;
            while (splitFeature[node] >= 0) {
                float value = data[offset + splitFeature[node]];
                node = Float.isNaN(value) ? missing[t][node] : value < threshold[t][node] ? yes[t][node] : no[t][node];
            }
            sum += leaf[t][node];
        }
        return sum;
    }
}
