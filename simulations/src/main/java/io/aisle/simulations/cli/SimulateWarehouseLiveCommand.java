package io.aisle.simulations.cli;

import io.aisle.simulations.live.LiveWarehouse;
import io.aisle.simulations.vda5050.MqttSession;
import io.aisle.simulations.vda5050.VdaWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./aisle simulate warehouse-live}: a simulated fleet and WMS driving a running server's warehouse over signed
 * HTTP, or with {@code --protocol vda5050} VDA 5050 robots driven through an MQTT broker by a master control and
 * dispatcher in this process; prints progress, then tasks finished, throughput and the validator's counts. Exit code 2 for bad arguments,
 * 1 when the server refuses the run or the validator saw a collision or an invalid move.
 */
@Command(name = "warehouse-live", mixinStandardHelpOptions = true,
        description = {"Run simulated robots and a WMS against a running server's warehouse dispatch API.",
                "The key needs the role admin: the run registers the warehouse and issues itself a wms key",
                "and one robot key per robot, revoked at the end."})
final class SimulateWarehouseLiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions connection;

    @Option(names = "--warehouse", defaultValue = "demo-warehouse", description = "Warehouse id (default: ${DEFAULT-VALUE}).")
    String warehouse;

    @Option(names = "--map", description = "MovingAI or LoRR map file (default: a built-in 20 x 11 warehouse).")
    Path map;

    @Option(names = "--robots", defaultValue = "8", description = "Fleet size (default: ${DEFAULT-VALUE}).")
    int robots;

    @Option(names = "--seconds", defaultValue = "60", description = "How long the fleet runs (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--orders-per-second", defaultValue = "1", description = "Mean WMS orders per second, 1-3 lines each (default: ${DEFAULT-VALUE}).")
    double ordersPerSecond;

    @Option(names = "--move-millis", defaultValue = "100", description = "Time a robot takes for one command (default: ${DEFAULT-VALUE}).")
    long moveMillis;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of start cells, pods and orders (default: ${DEFAULT-VALUE}).")
    long seed;

    /** How the simulated robots talk to the dispatcher. */
    enum Protocol {
        /** The server's signed HTTP dispatch API. */
        http,
        /** VDA 5050 2.0 over an MQTT broker, to a master control and dispatcher in this process. */
        vda5050
    }

    @Option(names = "--protocol", defaultValue = "http", description = {"How the robots talk to the dispatcher: http (the"
            + " server's signed dispatch API) or vda5050 (VDA 5050 2.0 over the MQTT broker of --broker, to a master",
            "control and dispatcher in this process; the server is not used) (default: ${DEFAULT-VALUE})."})
    Protocol protocol;

    @Option(names = "--broker", description = "MQTT broker of --protocol vda5050, for example tcp://127.0.0.1:1883.")
    String broker;

    @Option(names = "--tick-millis", defaultValue = "100", description = "Time between dispatcher ticks of --protocol vda5050 (default: ${DEFAULT-VALUE}).")
    long tickMillis;

    @Override
    public Integer call() throws InterruptedException {
        if (protocol == Protocol.vda5050) {
            return runVda5050();
        }
        connection.requireHttpUrl(spec);
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--seconds must be >= 1 but was " + seconds);
        }
        if (!(ordersPerSecond > 0) || Double.isInfinite(ordersPerSecond)) {
            throw new ParameterException(spec.commandLine(), "--orders-per-second must be > 0 but was " + ordersPerSecond);
        }
        if (moveMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--move-millis must be >= 0 but was " + moveMillis);
        }
        LiveWarehouse.Settings settings;
        try {
            settings = new LiveWarehouse.Settings(warehouse, map == null ? LiveWarehouse.SMALL_MAP : Files.readString(map),
                    robots, Duration.ofSeconds(seconds), ordersPerSecond, moveMillis, seed);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--map: cannot read " + map + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return connection.run(() -> {
            LiveWarehouse.Result result;
            try {
                result = new LiveWarehouse(connection.server, connection.keyId, connection.secret, System.out).run(settings);
            } catch (IllegalArgumentException e) {
                // The map, or a fleet larger than the map's free aisle cells.
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            LiveWarehouse.printSummary(result, System.out);
            return result.collisions() + result.invalidMoves() == 0 ? 0 : 1;
        });
    }

    private int runVda5050() throws InterruptedException {
        if (broker == null || !broker.matches("tcp://[^/:]+:\\d{1,5}")) {
            throw new ParameterException(spec.commandLine(), "--protocol vda5050 needs --broker tcp://HOST:PORT but was "
                    + (broker == null ? "none" : "'" + broker + "'"));
        }
        VdaWarehouse.Settings settings;
        try {
            // The live settings check the warehouse id, fleet, duration, rate and speed as for HTTP robots.
            LiveWarehouse.Settings live = new LiveWarehouse.Settings(warehouse,
                    map == null ? LiveWarehouse.SMALL_MAP : Files.readString(map), robots, Duration.ofSeconds(seconds),
                    ordersPerSecond, moveMillis, seed);
            settings = new VdaWarehouse.Settings(broker, "aisle." + warehouse, LiveWarehouse.readMap(live.mapText()),
                    robots, live.duration(), ordersPerSecond, moveMillis, tickMillis, seed);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--map: cannot read " + map + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        VdaWarehouse.Result result;
        try {
            result = VdaWarehouse.run(settings);
        } catch (MqttSession.MqttSessionException e) {
            System.err.println("aisle: " + e.getMessage() + " (is an MQTT broker running at " + broker + "?)");
            return 1;
        } catch (IllegalArgumentException e) {
            // A fleet larger than the map's free aisle cells.
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        VdaWarehouse.printSummary(result, System.out);
        return result.collisions() + result.invalidMoves() == 0 ? 0 : 1;
    }
}
