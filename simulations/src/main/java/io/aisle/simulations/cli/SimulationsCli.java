package io.aisle.simulations.cli;

import io.aisle.simulations.store.EventLogFormatException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.TypeConversionException;

/** Main class of the simulations jar; the {@code ./aisle} launcher passes the subcommand through. */
@Command(name = "aisle", mixinStandardHelpOptions = true,
        subcommands = {SimulateCommand.class, BenchCommand.class, TrainVisionCommand.Train.class})
public final class SimulationsCli {

    /** Exit code of a run refused for bad options or input files. */
    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(withAliases(args)));
    }

    /**
     * The command line, where a bad value that only a command's domain code can tell (it throws
     * {@link IllegalArgumentException}), an input file that cannot be read or is malformed, or an output folder that does not
     * exist ends the run with a one-line message and exit code 2, as picocli's own refusals do, not with a stack
     * trace and exit code 1.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SimulationsCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String problem = problem(e);
            if (problem == null) {
                throw e;
            }
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName(" ") + ": " + problem);
            return BAD_INPUT;
        });
        return cli;
    }

    /** What is wrong with the options or files, or null for a failure that is not the caller's. */
    private static String problem(Exception e) {
        if (e instanceof IllegalArgumentException || e instanceof TypeConversionException || e instanceof EventLogFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file or folder";
        }
        if (e instanceof FileSystemException file) {
            return file.getMessage();
        }
        if (e instanceof UncheckedIOException io) {
            Throwable cause = io.getCause();
            return io.getMessage() + (cause instanceof NoSuchFileException ? ": no such file or folder"
                    : cause != null && cause.getMessage() != null && !io.getMessage().contains(cause.getMessage())
                    ? ": " + cause.getMessage() : "");
        }
        return null;
    }

    /**
     * {@code bench store --from-cameras ...} is {@code bench store-cameras ...}: the camera chain has its
     * own scenarios (lookalike) and options, so it is a command of its own, reachable by both names.
     */
    static String[] withAliases(String[] args) {
        if (args.length >= 2 && args[0].equals("bench") && args[1].equals("store")
                && Arrays.asList(args).contains("--from-cameras")) {
            List<String> rewritten = new ArrayList<>(List.of("bench", "store-cameras"));
            for (int i = 2; i < args.length; i++) {
                if (!args[i].equals("--from-cameras")) {
                    rewritten.add(args[i]);
                }
            }
            return rewritten.toArray(String[]::new);
        }
        return args;
    }
}
