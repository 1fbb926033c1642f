package io.aisle.simulations.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main class of the simulations jar; the {@code ./aisle} launcher passes the subcommand through. */
@Command(name = "aisle", mixinStandardHelpOptions = true,
        subcommands = {SimulateCommand.class, BenchCommand.class, TrainVisionCommand.Train.class})
public final class SimulationsCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulationsCli()).execute(args));
    }
}
