package io.aisle.simulations.vision;

import io.aisle.vision.djl.DjlProductRecognizer;
import io.aisle.vision.djl.RecognizerModel;
import io.aisle.vision.djl.RecognizerTrainer;
import io.aisle.vision.render.CropCatalog;
import io.aisle.vision.render.CropRenderer;
import io.aisle.vision.render.LabeledCrop;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch-1 latency distribution (JMH sample mode: p50, p99, p99.9) of {@code classify} on a PNG
 * crop, with PyTorch's default intra-op pool and with one intra-op thread, in the same run.
 * Uses the model in {@code modelDir} (a registry version folder), or trains a small one of the
 * same architecture in setup when it is empty: latency depends on the architecture, not on the
 * weights.
 *
 * <p>Run with the launcher's JVM flags and {@code OMP_WAIT_POLICY=PASSIVE}: {@code java
 * -Dai.djl.offline=true -DDJL_CACHE_DIR=.aisle/djl-cache -DENGINE_CACHE_DIR=.aisle/djl-cache -cp
 * "simulations/target/aisle-simulations.jar:simulations/target/lib/*" org.openjdk.jmh.Main
 * RecognizerBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class RecognizerBenchmark {

    /** 0 keeps PyTorch's default intra-op pool (one thread per core). */
    @Param({"0", "1"})
    public int intraOpThreads;

    @Param({""})
    public String modelDir;

    private RecognizerModel model;
    private DjlProductRecognizer recognizer;
    private byte[][] crops;
    private List<String> candidates;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        CropCatalog catalog = new CropCatalog(SkuListFile.generated(12));
        CropRenderer renderer = new CropRenderer(32);
        if (modelDir.isEmpty()) {
            List<LabeledCrop> few = catalog.render(renderer, 10, 1);
            model = RecognizerTrainer.train(catalog.skus(), few, List.of(),
                    new RecognizerTrainer.Settings(32, 1, 32, 0.005f, 1)).model();
        } else {
            model = RecognizerModel.load(Path.of(modelDir));
        }
        if (intraOpThreads > 0) {
            RecognizerModel.setIntraOpThreads(intraOpThreads);
        }
        List<LabeledCrop> samples = catalog.render(renderer, 20, 2);
        crops = new byte[samples.size()][];
        for (int i = 0; i < crops.length; i++) {
            crops[i] = CropRenderer.png(samples.get(i).image());
        }
        candidates = model.classes().subList(0, 4);
        recognizer = model.newRecognizer();
    }

    @Benchmark
    public Map<String, Double> classify() {
        next = (next + 1) % crops.length;
        return recognizer.classify(crops[next], candidates);
    }

    @TearDown(Level.Trial)
    public void close() {
        recognizer.close();
        model.close();
    }
}
