package io.aisle.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./aisle train vision}: lives here, not in training-jobs, because it trains on simulator renders with DJL. */
@Command(name = "vision", mixinStandardHelpOptions = true,
        description = "Train the product recognizer (DJL) on simulated product crops.")
final class TrainVisionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotBuiltYet.report("train vision", 6);
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train models.",
            subcommands = TrainVisionCommand.class)
    static final class Train {
    }
}
