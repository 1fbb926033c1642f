package io.aisle.serving.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main class of the serving jar; the {@code ./aisle} launcher passes the subcommand through. */
@Command(name = "aisle", mixinStandardHelpOptions = true,
        subcommands = {DemoCommand.class, ServeCommand.class, TenantsCommand.class, SignCommand.class, ModelsCommand.class})
public final class ServingCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServingCli()).execute(args));
    }
}
