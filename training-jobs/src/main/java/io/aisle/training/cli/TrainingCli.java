package io.aisle.training.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main class of the training jar; the {@code ./aisle} launcher passes {@code train ...} through. */
@Command(name = "aisle", mixinStandardHelpOptions = true, subcommands = {TrainCommand.class, ScoreCommand.class})
public final class TrainingCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainingCli()).execute(args));
    }
}
