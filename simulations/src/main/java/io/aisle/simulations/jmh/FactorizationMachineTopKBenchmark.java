package io.aisle.simulations.jmh;

import io.aisle.recommender.foryou.FactorizationMachineScorer;
import io.aisle.recommender.foryou.ForYouModel;
import io.aisle.recommender.scoring.CandidateMask;
import io.aisle.recommender.scoring.ItemFilter;
import io.aisle.recommender.scoring.TopK;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FM top-10 for one user over a 100k-item catalogue, k = 32, one thread. {@code precomputed} is the
 * serving path (per-item terms folded at load time); {@code naive} evaluates the FM formula per item,
 * the baseline the precomputation is measured against in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Threads(1)
public class FactorizationMachineTopKBenchmark {

    private ForYouModel model;
    private FactorizationMachineScorer scorer;
    private TopK heap;
    private int user;

    @Setup(Level.Trial)
    public void build() {
        model = SyntheticModels.forYou(1000, 100_000, 32, 42);
        scorer = new FactorizationMachineScorer(model);
        heap = new TopK(10);
    }

    @Setup(Level.Invocation)
    public void nextUser() {
        user = (user + 1) % model.users().size();
    }

    @Benchmark
    public int[] precomputed() {
        heap.reset();
        scorer.topK(scorer.userPart(user), new CandidateMask(model.catalog(), ItemFilter.NONE, model.history(user)), heap);
        return heap.drainIndices();
    }

    @Benchmark
    public int[] naive() {
        heap.reset();
        CandidateMask mask = new CandidateMask(model.catalog(), ItemFilter.NONE, model.history(user));
        for (int i = 0; i < model.catalog().size(); i++) {
            if (mask.allows(i)) {
                ForYouModel.SparseInput input = model.input(user, i);
                heap.offer(i, model.machine().predictRaw(input.indices(), input.values()));
            }
        }
        return heap.drainIndices();
    }
}
