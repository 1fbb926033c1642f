package io.aisle.simulations.cli;

import picocli.CommandLine.Command;

/** {@code ./aisle simulate ...}: data and scenario generators. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Generate shopper logs, basket files, store sessions and warehouse runs.",
        subcommands = {SimulateShoppersCommand.class, SimulateBasketsCommand.class, SimulateStoreCommand.class,
                SimulateStoreLiveCommand.class, SimulateWarehouseCommand.class, SimulateWarehouseLiveCommand.class})
final class SimulateCommand {
}
