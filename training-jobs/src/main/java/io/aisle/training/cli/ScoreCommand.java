package io.aisle.training.cli;

import picocli.CommandLine.Command;

/** {@code ./aisle score <job>}: scoring with approved models outside the server. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score with a tenant's approved models: batch (top-K lists for every user or item, with Spark).",
        subcommands = ScoreBatchCommand.class)
final class ScoreCommand {
}
