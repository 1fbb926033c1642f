package io.aisle.simulations.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the simulations command line in-process as {@code main} would, with its error output kept for assertions. */
final class CliRun {

    private CliRun() {
    }

    static int execute(StringWriter errors, String... args) {
        CommandLine cli = SimulationsCli.commandLine();
        cli.setErr(new PrintWriter(errors, true));
        return cli.execute(args);
    }
}
