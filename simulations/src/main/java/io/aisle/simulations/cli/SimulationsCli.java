package io.aisle.simulations.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main class of the simulations jar; the {@code ./aisle} launcher passes the subcommand through. */
@Command(name = "aisle", mixinStandardHelpOptions = true,
        subcommands = {SimulateCommand.class, BenchCommand.class, TrainVisionCommand.Train.class})
public final class SimulationsCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulationsCli()).execute(withAliases(args)));
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
