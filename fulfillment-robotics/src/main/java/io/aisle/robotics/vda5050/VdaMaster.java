package io.aisle.robotics.vda5050;

import io.aisle.robotics.dispatch.Dispatcher;
import io.aisle.robotics.dispatch.RobotCommand;
import io.aisle.robotics.dispatch.Telemetry;
import io.aisle.robotics.dispatch.TelemetryResult;
import io.aisle.robotics.vda5050.json.VdaFormatException;
import io.aisle.robotics.vda5050.json.VdaJsonCodec;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The master control of one warehouse's VDA 5050 robots: robot states become the dispatcher's telemetry, and each
 * command the dispatcher plans becomes an update of the robot's order, so the dispatcher works as it does for robots
 * on the HTTP dispatch API.
 *
 * <p><b>States.</b> A {@code state} is turned into a {@link Telemetry}: the cell of its {@code lastNodeId}, the
 * heading nearest its {@code agvPosition.theta} (the last one seen when it sends no position), and its
 * {@code batteryCharge}. A state that is not VDA 5050 JSON, comes from another manufacturer than the warehouse's,
 * names an unknown robot or an unknown node, or that the dispatcher refuses changes nothing and is counted by
 * {@link Ignored} reason. A state with a {@code FATAL} error is not passed on either: the robot has stopped, and
 * the dispatcher faults it after its telemetry timeout as it faults a silent HTTP robot.
 *
 * <p><b>Orders.</b> One order per robot and master control run ({@code orderId} is the serial number and the
 * clock's millisecond at start); each delivered command is its next {@code orderUpdateId}, released base only: the
 * node the robot stands on (the last node of the previous update, same sequence id) and the command's target node,
 * with the target heading as the node's theta, joined by one edge. A command the dispatcher holds back (its target
 * cell is not yet confirmed free) is asked for again after every accepted state, as an HTTP robot polls for it. An
 * order the robot's state shows it has not received is published again.
 *
 * <p><b>Connections.</b> {@code connection} messages (the robot's {@code ONLINE}, {@code OFFLINE}, and the
 * {@code CONNECTIONBROKEN} last will the broker sends) are recorded per robot ({@link #connection}).
 *
 * <p><b>Threads.</b> {@link #onMessage} (the MQTT client's delivery thread) and {@link #onCommand} (the dispatcher's
 * ticking thread, after it released the dispatcher's lock) serialize on this object; the fleet is called with this
 * lock held, never the other way round. The transport is never called with this lock held: what a call decides to
 * publish is queued under the lock and handed to the transport, in the order decided, after the lock is released, by one
 * thread at a time; no thread waits for another one's publish.
 * An MQTT client completes its publishes on its delivery thread; had the ticker published with this lock held, the
 * delivery thread, waiting for the lock to hand over the next state, could never complete that publish (the hang
 * of a 24-robot run).
 */
public final class VdaMaster {

    /** Why a received message changed nothing. */
    public enum Ignored {
        /** Not JSON, or a field of the schema missing or of the wrong type. */
        MALFORMED,
        /** The topic is not a robot's state or connection topic of this interface. */
        UNEXPECTED_TOPIC,
        /** The manufacturer in the topic or header is not the warehouse's. */
        WRONG_MANUFACTURER,
        /** The header's serial number is not the topic's. */
        SERIAL_MISMATCH,
        /** The serial number is no robot of the warehouse. */
        UNKNOWN_ROBOT,
        /** The last node is no passable cell of the map. */
        UNKNOWN_NODE,
        /** The robot reports a fatal error. */
        FATAL_ERROR,
        /** The dispatcher refused the pose or battery reading. */
        REFUSED_BY_DISPATCHER
    }

    /** The part of the dispatcher the master control needs (a {@code Dispatcher}, or a serving replica's view of one). */
    public interface Fleet {

        TelemetryResult acceptTelemetry(Telemetry report);

        Optional<RobotCommand> nextCommand(String robotId);

        boolean hasRobot(String robotId);

        /** A dispatcher of this process. */
        static Fleet of(Dispatcher dispatcher) {
            return new Fleet() {
                @Override
                public TelemetryResult acceptTelemetry(Telemetry report) {
                    return dispatcher.acceptTelemetry(report);
                }

                @Override
                public Optional<RobotCommand> nextCommand(String robotId) {
                    return dispatcher.nextCommand(robotId);
                }

                @Override
                public boolean hasRobot(String robotId) {
                    return dispatcher.hasRobot(robotId);
                }
            };
        }
    }

    private final VdaTopics topics;
    private final String manufacturer;
    private final GridNodes nodes;
    private final Fleet fleet;
    private final VdaTransport transport;
    private final Clock clock;
    private final VdaJsonCodec codec = new VdaJsonCodec();
    private final String orderSuffix;
    private final Map<String, Link> links = new HashMap<>();
    /** Commands planned by a tick that the dispatcher has not handed out yet, by robot. */
    private final Map<String, RobotCommand> undelivered = new LinkedHashMap<>();
    private final Map<String, VdaConnection.ConnectionState> connections = new HashMap<>();
    private final EnumMap<Ignored, Long> ignored = new EnumMap<>(Ignored.class);
    /** Messages decided with this object's lock held, published after it is released; guarded by {@code this}. */
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    /** Set while one thread hands the outbox to the transport, so messages leave one at a time in their order. */
    private final AtomicBoolean publishing = new AtomicBoolean();
    private long statesAccepted;
    private long ordersPublished;
    private long latestTick;

    /**
     * @param manufacturer the manufacturer all robots of this warehouse report; states from others are ignored
     * @param clock        stamps the headers; its millisecond at construction names the orders
     */
    public VdaMaster(VdaTopics topics, String manufacturer, GridNodes nodes, Fleet fleet, VdaTransport transport,
            Clock clock) {
        this.topics = topics;
        this.manufacturer = manufacturer;
        this.nodes = nodes;
        this.fleet = fleet;
        this.transport = transport;
        this.clock = clock;
        this.orderSuffix = "-" + clock.millis();
        // Fails fast on a manufacturer that cannot be a topic level.
        topics.topic(manufacturer, "probe", VdaTopics.Kind.ORDER);
    }

    /** The topic filters to subscribe to: every robot's state and connection of this interface. */
    public List<String> subscriptions() {
        return List.of(topics.everyRobot(VdaTopics.Kind.STATE), topics.everyRobot(VdaTopics.Kind.CONNECTION));
    }

    /** A command planned by a dispatcher tick (register as the dispatcher's command listener). */
    public void onCommand(RobotCommand command) {
        synchronized (this) {
            latestTick = Math.max(latestTick, command.tick());
            if (links.containsKey(command.robotId())) {
                undelivered.put(command.robotId(), command);
                deliver(command.robotId());
            }
        }
        publishOutbox();
    }

    /** A message received on one of the {@link #subscriptions}. Never throws for what a robot sent. */
    public void onMessage(String topic, byte[] payload) {
        synchronized (this) {
            receive(topic, payload);
        }
        publishOutbox();
    }

    private void receive(String topic, byte[] payload) {
        Optional<VdaTopics.RobotTopic> parsed = topics.parse(topic);
        if (parsed.isEmpty() || (parsed.get().kind() != VdaTopics.Kind.STATE
                && parsed.get().kind() != VdaTopics.Kind.CONNECTION)) {
            count(Ignored.UNEXPECTED_TOPIC);
            return;
        }
        VdaTopics.RobotTopic robotTopic = parsed.get();
        if (!robotTopic.manufacturer().equals(manufacturer)) {
            count(Ignored.WRONG_MANUFACTURER);
            return;
        }
        try {
            if (robotTopic.kind() == VdaTopics.Kind.STATE) {
                onState(robotTopic, codec.readState(payload));
            } else {
                onConnection(robotTopic, codec.readConnection(payload));
            }
        } catch (VdaFormatException | IllegalArgumentException | NullPointerException e) {
            count(Ignored.MALFORMED);
        }
    }

    private void onState(VdaTopics.RobotTopic topic, VdaState state) {
        if (!checkHeader(topic, state.header())) {
            return;
        }
        String robotId = topic.serialNumber();
        if (!fleet.hasRobot(robotId)) {
            count(Ignored.UNKNOWN_ROBOT);
            return;
        }
        if (state.hasFatalError()) {
            count(Ignored.FATAL_ERROR);
            return;
        }
        OptionalInt cell = nodes.findCell(state.lastNodeId());
        if (cell.isEmpty()) {
            count(Ignored.UNKNOWN_NODE);
            return;
        }
        Link link = links.computeIfAbsent(robotId, id -> new Link());
        int heading = state.agvPosition() == null ? link.heading : GridNodes.heading(state.agvPosition().theta());
        TelemetryResult result = fleet.acceptTelemetry(new Telemetry(robotId, cell.getAsInt(), heading,
                state.batteryState().batteryCharge()));
        if (!result.accepted()) {
            count(result.outcome() == TelemetryResult.Outcome.UNKNOWN_ROBOT ? Ignored.UNKNOWN_ROBOT
                    : Ignored.REFUSED_BY_DISPATCHER);
            return;
        }
        statesAccepted++;
        link.cell = cell.getAsInt();
        link.heading = heading;
        if (link.sent != null && link.sent.cell() == link.cell && (!state.orderId().equals(link.orderId)
                || state.orderUpdateId() < link.sent.order().orderUpdateId())) {
            // Still at the start of an order it has not seen: QoS 0 lost it, or it came before the robot's subscription.
            publishOrder(robotId, link.sent.order());
        }
        deliverAll();
    }

    private void onConnection(VdaTopics.RobotTopic topic, VdaConnection connection) {
        if (!checkHeader(topic, connection.header())) {
            return;
        }
        if (!fleet.hasRobot(topic.serialNumber())) {
            count(Ignored.UNKNOWN_ROBOT);
            return;
        }
        connections.put(topic.serialNumber(), connection.connectionState());
    }

    private boolean checkHeader(VdaTopics.RobotTopic topic, VdaHeader header) {
        if (!header.manufacturer().equals(manufacturer)) {
            count(Ignored.WRONG_MANUFACTURER);
            return false;
        }
        if (!header.serialNumber().equals(topic.serialNumber())) {
            count(Ignored.SERIAL_MISMATCH);
            return false;
        }
        return true;
    }

    private void deliverAll() {
        for (String robotId : List.copyOf(undelivered.keySet())) {
            deliver(robotId);
        }
    }

    /** Hands out a robot's planned command once the dispatcher releases it; drops it once a later tick withdrew it. */
    private void deliver(String robotId) {
        RobotCommand planned = undelivered.get(robotId);
        Optional<RobotCommand> command = fleet.nextCommand(robotId);
        if (command.isEmpty()) {
            if (planned.tick() < latestTick) {
                undelivered.remove(robotId);
            }
            return;
        }
        undelivered.remove(robotId);
        Link link = links.get(robotId);
        if (link.sent != null && link.sent.command().sequence() == command.get().sequence()) {
            return;
        }
        VdaOrder order = orderFor(robotId, link, command.get());
        link.sent = new SentOrder(command.get(), order, link.cell);
        publishOrder(robotId, order);
    }

    private VdaOrder orderFor(String robotId, Link link, RobotCommand command) {
        String orderId = robotId + orderSuffix;
        long updateId = link.orderId == null ? 0 : link.lastUpdateId + 1;
        long fromSequence = link.orderId == null ? 0 : link.lastNodeSequenceId;
        link.orderId = orderId;
        link.lastUpdateId = updateId;
        link.lastNodeSequenceId = fromSequence + 2;
        VdaOrder.Node from = new VdaOrder.Node(nodes.nodeId(link.cell), fromSequence, true,
                nodes.position(link.cell, link.heading));
        VdaOrder.Node to = new VdaOrder.Node(nodes.nodeId(command.targetCell()), fromSequence + 2, true,
                nodes.position(command.targetCell(), command.targetHeading()));
        VdaOrder.Edge edge = new VdaOrder.Edge(nodes.edgeId(link.cell, command.targetCell()), fromSequence + 1, true,
                from.nodeId(), to.nodeId());
        return new VdaOrder(header(robotId, ++link.orderHeaderId), orderId, updateId, List.of(from, to), List.of(edge));
    }

    private void publishOrder(String robotId, VdaOrder order) {
        outbox.add(new Outgoing(topics.topic(manufacturer, robotId, VdaTopics.Kind.ORDER), codec.writeOrder(order)));
        ordersPublished++;
    }

    /**
     * Hands queued messages to the transport without this object's lock. A thread that finds another one publishing
     * leaves its messages to it and returns instead of waiting, so the delivery thread never waits behind a publish;
     * the publishing thread looks at the outbox once more after it is done, so no message is left behind.
     */
    private void publishOutbox() {
        while (publishing.compareAndSet(false, true)) {
            try {
                Outgoing next;
                while ((next = pollOutbox()) != null) {
                    transport.publish(next.topic(), next.payload(), false);
                }
            } finally {
                publishing.set(false);
            }
            synchronized (this) {
                if (outbox.isEmpty()) {
                    return;
                }
            }
        }
    }

    private synchronized Outgoing pollOutbox() {
        return outbox.poll();
    }

    private VdaHeader header(String robotId, long headerId) {
        return new VdaHeader(headerId, clock.instant(), VdaHeader.VERSION, manufacturer, robotId);
    }

    private void count(Ignored reason) {
        ignored.merge(reason, 1L, Long::sum);
    }

    /** How many received messages were ignored for a reason. */
    public synchronized long ignored(Ignored reason) {
        return ignored.getOrDefault(reason, 0L);
    }

    /** Every ignored message, whatever the reason. */
    public synchronized long ignoredTotal() {
        return ignored.values().stream().mapToLong(Long::longValue).sum();
    }

    /** States passed on to the dispatcher and accepted by it. */
    public synchronized long statesAccepted() {
        return statesAccepted;
    }

    /** Order updates decided and queued for the transport, repeats included. */
    public synchronized long ordersPublished() {
        return ordersPublished;
    }

    /** The last connection state a robot reported (or its last will did); empty before any. */
    public synchronized Optional<VdaConnection.ConnectionState> connection(String robotId) {
        return Optional.ofNullable(connections.get(robotId));
    }

    /** What the master control knows of one robot; only touched with the master's lock held. */
    private static final class Link {
        int cell = -1;
        int heading;
        String orderId;
        long lastUpdateId;
        long lastNodeSequenceId;
        long orderHeaderId;
        SentOrder sent;
    }

    /** A message decided, not yet handed to the transport. */
    private record Outgoing(String topic, byte[] payload) {
    }

    /** The last order update published to a robot, for the command it carries, sent from {@code cell}. */
    private record SentOrder(RobotCommand command, VdaOrder order, int cell) {
    }
}
