package io.aisle.simulations.cli;

import picocli.CommandLine.Command;

/** {@code ./aisle bench ...}: benchmarks that report ratios measured in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: serving, keepalive, scale-out, store, warehouse.",
        subcommands = {BenchServingCommand.class, BenchKeepAliveCommand.class, BenchScaleOutCommand.class, BenchStoreCommand.class, BenchStoreCamerasCommand.class, BenchWarehouseCommand.class})
final class BenchCommand {
}
