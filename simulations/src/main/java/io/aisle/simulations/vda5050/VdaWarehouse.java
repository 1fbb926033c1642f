package io.aisle.simulations.vda5050;

import io.aisle.robotics.dispatch.Dispatcher;
import io.aisle.robotics.dispatch.DispatcherSettings;
import io.aisle.robotics.dispatch.RobotState;
import io.aisle.robotics.dispatch.RobotView;
import io.aisle.robotics.dispatch.WarehouseSnapshot;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.robotics.vda5050.GridNodes;
import io.aisle.robotics.vda5050.VdaMaster;
import io.aisle.robotics.vda5050.VdaTopics;
import io.aisle.robotics.vda5050.VdaTransport;
import io.aisle.simulations.warehouse.DispatchedWarehouse;
import io.aisle.simulations.warehouse.LiveFloor;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A whole warehouse whose robots speak VDA 5050 through an MQTT broker: a {@link Dispatcher} in this process with
 * its {@link VdaMaster} on one MQTT session, one {@link SimulatedVdaRobot} per robot on sessions of their own, a
 * ticker and a WMS submitting random orders to the dispatcher, for a fixed wall-clock time. Every move the robots
 * execute is checked by the {@link LiveFloor}'s validator, independently of the dispatcher.
 */
public final class VdaWarehouse {

    /** Manufacturer of the simulated robots. */
    public static final String MANUFACTURER = "AisleSim";
    private static final int SKUS = 40;
    private static final int SKUS_PER_POD = 4;
    private static final int SERVICE_STEPS = 2;
    private static final int CHARGERS = 1;
    private static final double CELL_METERS = 1.0;
    /** Longest time between two states of a robot; well inside the dispatcher's telemetry timeout. */
    private static final long HEARTBEAT_MILLIS = 500;

    /**
     * How a run is set up.
     *
     * @param brokerUri       the MQTT broker, for example {@code tcp://127.0.0.1:1883}
     * @param interfaceName   the warehouse's topic prefix
     * @param robots          fleet size
     * @param duration        how long robots and WMS run
     * @param ordersPerSecond mean WMS orders per second (1 to 3 lines each)
     * @param moveMillis      time a robot takes from one node to the next
     * @param tickMillis      time between dispatcher ticks
     * @param seed            seeds start cells, pods and orders
     */
    public record Settings(String brokerUri, String interfaceName, GridMap map, int robots, Duration duration,
                           double ordersPerSecond, long moveMillis, long tickMillis, long seed) {

        public Settings {
            if (robots < 1) {
                throw new IllegalArgumentException("robots must be >= 1 but was " + robots);
            }
            if (!(ordersPerSecond > 0) || Double.isInfinite(ordersPerSecond)) {
                throw new IllegalArgumentException("ordersPerSecond must be > 0 but was " + ordersPerSecond);
            }
            if (tickMillis < 1 || moveMillis < 0) {
                throw new IllegalArgumentException("tickMillis must be >= 1 and moveMillis >= 0 but were " + tickMillis
                        + " and " + moveMillis);
            }
        }
    }

    /**
     * What a run did: orders and lines as the dispatcher counts them, moves and violations as the floor's validator
     * counts them, and what the master control and the robots made of the messages.
     */
    public record Result(int robots, double seconds, long ticks, long ordersSubmitted, long ordersCompleted,
                         long linesPicked, long moves, long collisions, long invalidMoves, String firstViolation,
                         long statesAccepted, long ordersPublished, long messagesIgnored, long ordersRefusedByRobots,
                         long publishesDropped, long faultedRobots) {
    }

    private VdaWarehouse() {
    }

    public static Result run(Settings settings) throws InterruptedException {
        GridMap map = settings.map();
        WarehouseLayout layout = WarehouseLayout.derive(map, SKUS, SKUS_PER_POD, SERVICE_STEPS, CHARGERS, settings.seed());
        int[] starts = DispatchedWarehouse.startCells(map, layout, settings.robots(), new SplittableRandom(settings.seed()));
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < starts.length; r++) {
            ids.add("robot-" + r);
        }
        Clock clock = Clock.systemUTC();
        VdaTopics topics = new VdaTopics(settings.interfaceName());
        GridNodes nodes = new GridNodes(map, CELL_METERS, map.name());
        LiveFloor floor = new LiveFloor(map, ActionModel.FOUR_CONNECTED, starts, new int[starts.length]);
        List<SimulatedVdaRobot> robots = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<MqttSession> masterSession = new AtomicReference<>();
        try {
            // Robots connect first: the dispatcher counts a robot's silence from its own construction, and two dozen
            // connections on a busy machine can take longer than its telemetry timeout.
            for (int r = 0; r < starts.length; r++) {
                SimulatedVdaRobot robot = new SimulatedVdaRobot(r, MANUFACTURER, ids.get(r), topics, map, nodes, floor,
                        settings.moveMillis(), HEARTBEAT_MILLIS, clock);
                robots.add(robot);
                robot.connect(settings.brokerUri());
                threads.add(daemon("vda-" + ids.get(r), robot));
            }
            Dispatcher dispatcher = new Dispatcher(layout, ids, starts,
                    DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED), clock);
            VdaTransport transport = (topic, payload, retained) -> masterSession.get().publish(topic, payload, retained);
            VdaMaster master = new VdaMaster(topics, MANUFACTURER, nodes, VdaMaster.Fleet.of(dispatcher), transport,
                    clock);
            dispatcher.addCommandListener(master::onCommand);
            masterSession.set(MqttSession.connect(settings.brokerUri(), "master-" + settings.interfaceName(), null,
                    master.subscriptions(), master::onMessage));
            Running running = new Running();
            threads.add(daemon("vda-ticker", () -> {
                while (running.on && sleep(settings.tickMillis())) {
                    dispatcher.tick();
                }
            }));
            long[] submitted = new long[1];
            List<String> skus = layout.skus();
            Random random = new Random(settings.seed());
            threads.add(daemon("vda-wms", () -> {
                while (running.on) {
                    long waitMillis = (long) (-Math.log(1 - random.nextDouble()) * 1000 / settings.ordersPerSecond());
                    if (!sleep(waitMillis) || !running.on) {
                        return;
                    }
                    List<OrderLine> lines = new ArrayList<>();
                    for (int l = 1 + random.nextInt(3); l > 0; l--) {
                        lines.add(new OrderLine(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(2)));
                    }
                    if (dispatcher.submitOrder(new Order("vda-order-" + (submitted[0] + 1), lines)).accepted()) {
                        submitted[0]++;
                    }
                }
            }));
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep(settings.duration().toMillis());
            running.on = false;
            robots.forEach(SimulatedVdaRobot::stop);
            // One deadline for all: a robot ends within a node and a heartbeat, the ticker and WMS within a sleep.
            long joinDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (Thread thread : threads) {
                thread.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            WarehouseSnapshot end = dispatcher.snapshot();
            long faulted = end.robots().stream().map(RobotView::state).filter(RobotState.FAULTED::equals).count();
            long refusedByRobots = robots.stream().mapToLong(SimulatedVdaRobot::ordersRefused).sum();
            long dropped = masterSession.get().publishesDropped()
                    + robots.stream().mapToLong(SimulatedVdaRobot::publishesDropped).sum();
            return new Result(starts.length, seconds, end.tick(), submitted[0], end.ordersCompleted(),
                    end.linesPicked(), floor.moves(), floor.collisions(), floor.invalidMoves(), floor.firstViolation(),
                    master.statesAccepted(), master.ordersPublished(), master.ignoredTotal(), refusedByRobots, dropped, faulted);
        } finally {
            for (SimulatedVdaRobot robot : robots) {
                robot.disconnect();
            }
            if (masterSession.get() != null) {
                masterSession.get().close();
            }
        }
    }

    /** Prints a run's figures, as {@code simulate warehouse-live --protocol vda5050} reports them. */
    public static void printSummary(Result result, PrintStream out) {
        out.printf("vda5050 warehouse done: %d robots for %.0f s, %d dispatcher ticks%n", result.robots(),
                result.seconds(), result.ticks());
        out.printf("  orders submitted %d, completed %d; pick tasks finished %d; faulted robots %d%n",
                result.ordersSubmitted(), result.ordersCompleted(), result.linesPicked(), result.faultedRobots());
        out.printf("  MQTT: %d states accepted, %d order updates published, %d messages ignored, %d orders refused by"
                + " robots, %d publishes dropped%n", result.statesAccepted(), result.ordersPublished(),
                result.messagesIgnored(), result.ordersRefusedByRobots(), result.publishesDropped());
        out.printf("  validator: %d moves checked, %d collisions, %d invalid moves%n", result.moves(),
                result.collisions(), result.invalidMoves());
        if (result.firstViolation() != null) {
            out.println("  first violation: " + result.firstViolation());
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The run flag the ticker and the WMS read. */
    private static final class Running {
        volatile boolean on = true;
    }
}
