package io.aisle.training.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./aisle train <job>}: Spark training jobs. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train models with Spark: also-bought, for-you, ranker, all (and vision, with DJL).")
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "also-bought | for-you | ranker | all")
    String job;

    @Override
    public Integer call() {
        System.err.println("aisle: 'train " + job + "' is not built yet (issue 3)");
        return 3;
    }
}
