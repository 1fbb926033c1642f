package io.aisle.training.cli;

import picocli.CommandLine.Command;

/** {@code ./aisle train <job>}: Spark training jobs. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train models with Spark: also-bought, for-you, ranker, all (and vision, with DJL).",
        subcommands = {AlsoBoughtCommand.class, ForYouCommand.class, RankerCommand.class, AllCommand.class})
final class TrainCommand {
}
