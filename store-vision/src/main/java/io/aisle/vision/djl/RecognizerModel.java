package io.aisle.vision.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A loaded product-recognition model on DJL's PyTorch engine (offline: run with
 * {@code ai.djl.offline=true} and the native jar on the class path), with its class list.
 *
 * <p>A model folder holds {@code recognizer.json} and the weights: {@code {prefix}-0000.params}
 * for the built-in CNN, {@code {prefix}.pt} for a TorchScript model. A TorchScript model takes a
 * float tensor {@code [N, 3, size, size]} of RGB values in [0, 1] and returns {@code [N, classes]}
 * logits in class-list order.
 *
 * <p>Thread-safe: share one per process and take one {@link #newRecognizer()} per thread (a DJL
 * {@code Predictor} is not thread-safe). Close it after its recognizers.
 */
public final class RecognizerModel implements AutoCloseable {

    private final Model model;
    private final RecognizerDescriptor descriptor;

    RecognizerModel(Model model, RecognizerDescriptor descriptor) {
        this.model = model;
        this.descriptor = descriptor;
    }

    /**
     * Loads a model folder written by {@link #save} or {@link #importTorchScript}.
     *
     * @throws io.aisle.vision.json.InvalidFieldException when {@code recognizer.json} is malformed
     * @throws UncheckedIOException when the weights cannot be read
     */
    public static RecognizerModel load(Path dir) {
        RecognizerDescriptor descriptor = RecognizerDescriptor.read(dir);
        Model model = Model.newInstance(descriptor.modelPrefix(), "PyTorch");
        try {
            if (descriptor.architecture().equals(CropClassifierNet.ARCHITECTURE)) {
                model.setBlock(CropClassifierNet.build(descriptor.classes().size()));
            }
            model.load(dir, descriptor.modelPrefix());
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new UncheckedIOException("cannot load recognizer weights from " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        return new RecognizerModel(model, descriptor);
    }

    /**
     * Copies a TorchScript file into {@code targetDir} with a descriptor for its classes, loads it
     * and runs it once on a grey image to check that it returns one value per class.
     *
     * @param classes the model's outputs, in order
     * @param imageSizePixels the square input size the model expects
     * @throws IllegalArgumentException when the model's output does not match the class list
     */
    public static RecognizerModel importTorchScript(Path torchScriptFile, List<String> classes, int imageSizePixels,
            Path targetDir) {
        String prefix = "product-recognizer";
        RecognizerDescriptor descriptor = new RecognizerDescriptor(RecognizerDescriptor.TORCHSCRIPT, prefix,
                imageSizePixels, classes);
        try {
            Files.createDirectories(targetDir);
            Files.copy(torchScriptFile, targetDir.resolve(prefix + ".pt"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import " + torchScriptFile, e);
        }
        descriptor.write(targetDir);
        RecognizerModel model = load(targetDir);
        float[] grey = new float[3 * imageSizePixels * imageSizePixels];
        java.util.Arrays.fill(grey, 0.5f);
        int outputs;
        try (DjlProductRecognizer recognizer = model.newRecognizer()) {
            outputs = recognizer.probabilities(grey).length;
        } catch (RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("the TorchScript model does not run on a [1, 3, " + imageSizePixels
                    + ", " + imageSizePixels + "] input: " + e.getMessage(), e);
        }
        if (outputs != classes.size()) {
            model.close();
            throw new IllegalArgumentException("the TorchScript model returns " + outputs + " values but "
                    + classes.size() + " classes were given");
        }
        return model;
    }

    /** Writes the weights and {@code recognizer.json} to a folder; built-in CNN models only. */
    public void save(Path dir) {
        if (!descriptor.architecture().equals(CropClassifierNet.ARCHITECTURE)) {
            throw new IllegalStateException("only trained models are saved; copy a TorchScript model's folder instead");
        }
        try {
            Files.createDirectories(dir);
            model.save(dir, descriptor.modelPrefix());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save recognizer to " + dir, e);
        }
        descriptor.write(dir);
    }

    /** The SKUs the model tells apart, in output order. */
    public List<String> classes() {
        return descriptor.classes();
    }

    public int imageSizePixels() {
        return descriptor.imageSizePixels();
    }

    public String architecture() {
        return descriptor.architecture();
    }

    /** A recognizer for the calling thread; close it when the thread is done. */
    public DjlProductRecognizer newRecognizer() {
        return new DjlProductRecognizer(model.newPredictor(new SoftmaxTranslator(descriptor.imageSizePixels())),
                descriptor.classes(), descriptor.imageSizePixels());
    }

    /**
     * Sets the size of PyTorch's process-wide intra-op thread pool. With one recognizer per
     * request thread, parallelism comes from those threads; one intra-op thread each keeps them
     * from waiting on each other, which is what sets batch-1 p99 on a small shared CPU.
     *
     * @return the previous size
     */
    public static int setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        // Starts the engine (and its native library) if nothing has yet.
        ai.djl.engine.Engine.getEngine("PyTorch");
        int previous = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        return previous;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Channel-major pixels in, class probabilities out; the only place tensors are made. */
    private record SoftmaxTranslator(int size) implements Translator<float[], float[]> {

        @Override
        public NDList processInput(TranslatorContext ctx, float[] pixels) {
            return new NDList(ctx.getNDManager().create(pixels, new Shape(3, size, size)));
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().softmax(-1).toFloatArray();
        }

        @Override
        public Batchifier getBatchifier() {
            return Batchifier.STACK;
        }
    }
}
