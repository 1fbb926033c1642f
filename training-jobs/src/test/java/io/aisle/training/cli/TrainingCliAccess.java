package io.aisle.training.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the training command line in-process for tests of other packages, capturing what it prints to stderr. */
public final class TrainingCliAccess {

    public record Result(int exitCode, String errors) {
    }

    private TrainingCliAccess() {
    }

    public static Result run(String... args) {
        StringWriter errors = new StringWriter();
        CommandLine cli = new CommandLine(new TrainingCli());
        cli.setErr(new PrintWriter(errors, true));
        int exitCode = cli.execute(args);
        return new Result(exitCode, errors.toString());
    }
}
