package io.aisle.vision.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.aisle.vision.render.LabeledCrop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the built-in CNN ({@link CropClassifierNet}) on labelled crops with Adam and softmax
 * cross-entropy, then measures top-1 accuracy over the whole catalogue on a holdout set. Seeded:
 * the same crops and settings give the same initial weights and batch order.
 */
public final class RecognizerTrainer {

    /**
     * @param imageSizePixels square input size; crops are resized to it
     * @param learningRate Adam's step size
     */
    public record Settings(int imageSizePixels, int epochs, int batchSize, float learningRate, long seed) {

        public Settings {
            if (imageSizePixels < 8 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("need imageSizePixels >= 8, epochs >= 1, batchSize >= 1 and"
                        + " learningRate > 0 but were " + imageSizePixels + ", " + epochs + ", " + batchSize
                        + ", " + learningRate);
            }
        }
    }

    /**
     * A trained model and how it did.
     *
     * @param meanLossPerEpoch the mean training loss of each epoch, first to last
     * @param holdoutAccuracy top-1 accuracy over all classes on crops never trained on
     * @param holdoutPairwiseAccuracy how often the true SKU beats one other SKU, over every holdout
     *     crop and every other SKU: the accuracy when a plate's candidates are two SKUs
     */
    public record Result(RecognizerModel model, List<Double> meanLossPerEpoch, double holdoutAccuracy,
            double holdoutPairwiseAccuracy, int trainingCrops, int holdoutCrops) {

        public Result {
            meanLossPerEpoch = List.copyOf(meanLossPerEpoch);
        }
    }

    private RecognizerTrainer() {
    }

    /**
     * @param classes the SKUs to tell apart, in output order; every crop's SKU must be one of them
     */
    public static Result train(List<String> classes, List<LabeledCrop> training, List<LabeledCrop> holdout,
            Settings settings) {
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            indexOf.put(classes.get(i), i);
        }
        int size = settings.imageSizePixels();
        int plane = 3 * size * size;
        float[][] pixels = new float[training.size()][];
        float[] labels = new float[training.size()];
        for (int i = 0; i < training.size(); i++) {
            LabeledCrop crop = training.get(i);
            Integer label = indexOf.get(crop.sku());
            if (label == null) {
                throw new IllegalArgumentException("training crop " + i + " shows " + crop.sku() + ", not in classes");
            }
            pixels[i] = CropPixels.toChannelMajor(crop.image(), size);
            labels[i] = label;
        }

        Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
        RecognizerDescriptor descriptor = new RecognizerDescriptor(CropClassifierNet.ARCHITECTURE,
                "product-recognizer", size, classes);
        Model model = Model.newInstance(descriptor.modelPrefix(), "PyTorch");
        model.setBlock(CropClassifierNet.build(classes.size()));
        List<Double> losses = new ArrayList<>();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build());
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, 3, size, size));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < training.size(); i++) {
                order.add(i);
            }
            Random random = new Random(settings.seed());
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                Collections.shuffle(order, random);
                double lossSum = 0;
                int batches = 0;
                for (int from = 0; from < order.size(); from += settings.batchSize()) {
                    int to = Math.min(order.size(), from + settings.batchSize());
                    float[] x = new float[(to - from) * plane];
                    float[] y = new float[to - from];
                    for (int k = from; k < to; k++) {
                        System.arraycopy(pixels[order.get(k)], 0, x, (k - from) * plane, plane);
                        y[k - from] = labels[order.get(k)];
                    }
                    // A per-step manager frees the step's tensors; without it native memory grows per batch.
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        NDArray input = step.create(x, new Shape(to - from, 3, size, size));
                        NDArray target = step.create(y);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList predicted = trainer.forward(new NDList(input));
                            NDArray loss = trainer.getLoss().evaluate(new NDList(target), predicted);
                            collector.backward(loss);
                            lossSum += loss.getFloat();
                        }
                        trainer.step();
                    }
                    batches++;
                }
                losses.add(lossSum / batches);
            }
        }
        RecognizerModel recognizerModel = new RecognizerModel(model, descriptor);
        double[] accuracy = accuracy(recognizerModel, holdout);
        return new Result(recognizerModel, losses, accuracy[0], accuracy[1], training.size(), holdout.size());
    }

    /**
     * Top-1 accuracy over all classes, and pairwise accuracy (the true class's probability above
     * each other class's, averaged over crops and other classes); both 0 for an empty set.
     */
    public static double[] accuracy(RecognizerModel model, List<LabeledCrop> crops) {
        if (crops.isEmpty()) {
            return new double[] {0, 0};
        }
        List<String> classes = model.classes();
        int correct = 0;
        long pairsWon = 0;
        long pairs = 0;
        try (DjlProductRecognizer recognizer = model.newRecognizer()) {
            for (LabeledCrop crop : crops) {
                float[] p = recognizer.probabilities(crop.image());
                int truth = classes.indexOf(crop.sku());
                boolean top = true;
                for (int i = 0; i < p.length; i++) {
                    if (i != truth) {
                        pairs++;
                        if (p[truth] > p[i]) {
                            pairsWon++;
                        } else {
                            top = false;
                        }
                    }
                }
                if (top) {
                    correct++;
                }
            }
        }
        return new double[] {(double) correct / crops.size(), (double) pairsWon / pairs};
    }
}
