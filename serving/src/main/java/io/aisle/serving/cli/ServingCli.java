package io.aisle.serving.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main class of the serving jar; the {@code ./aisle} launcher passes the subcommand through. */
@Command(name = "aisle", mixinStandardHelpOptions = true,
        subcommands = {DemoCommand.class, ServeCommand.class, TenantsCommand.class, SignCommand.class, ModelsCommand.class})
public final class ServingCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line; a value refused by the code behind a command (an existing tenant, an unknown key, a
     * port out of range) ends the run with one line and exit code 2, as picocli's own refusals do.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ServingCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (!(e instanceof IllegalArgumentException)) {
                throw e;
            }
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName(" ") + ": " + e.getMessage());
            return ModelsCommand.REFUSED;
        });
        return cli;
    }

    /** Refuses a TCP port outside 0-65535 (0 picks a free one). */
    static void checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in [0, 65535] but was " + port);
        }
    }
}
