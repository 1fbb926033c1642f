package io.aisle.simulations.vda5050;

import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.Action;
import io.aisle.robotics.vda5050.GridNodes;
import io.aisle.robotics.vda5050.VdaConnection;
import io.aisle.robotics.vda5050.VdaHeader;
import io.aisle.robotics.vda5050.VdaOrder;
import io.aisle.robotics.vda5050.VdaState;
import io.aisle.robotics.vda5050.VdaTopics;
import io.aisle.robotics.vda5050.json.VdaFormatException;
import io.aisle.robotics.vda5050.json.VdaJsonCodec;
import io.aisle.simulations.warehouse.LiveFloor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated VDA 5050 robot: connects with a {@code CONNECTIONBROKEN} last will, announces itself {@code ONLINE},
 * takes {@code order}s, drives their released nodes on the {@link LiveFloor} (one node per {@code moveMillis}) and
 * publishes its {@code state} after every node and at least every {@code heartbeatMillis}.
 *
 * <p>An order is accepted as VDA 5050 says: a new {@code orderId} must start at the node the robot stands on; an
 * update of the current order must start at its last node with the same sequence id; an update it already has is
 * only answered with its state. Anything else (another robot's order, malformed JSON, a jump) is refused and
 * counted, and the robot stays where it is.
 *
 * <p>Threads: Paho's delivery thread only queues received orders; the robot's own thread ({@link #run}) owns all of
 * its state.
 */
public final class SimulatedVdaRobot implements Runnable {

    private static final double DRAIN_PER_NODE_PERCENT = 0.01;

    private final int index;
    private final String manufacturer;
    private final String serialNumber;
    private final VdaTopics topics;
    private final GridNodes nodes;
    private final GridMap map;
    private final LiveFloor floor;
    private final long moveMillis;
    private final long heartbeatMillis;
    private final Clock clock;
    private final VdaJsonCodec codec = new VdaJsonCodec();
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final AtomicLong ordersRefused = new AtomicLong();
    private final AtomicLong nodesReached = new AtomicLong();
    private volatile boolean running = true;
    private MqttSession session;
    // Owned by the robot's thread.
    private String orderId = "";
    private long orderUpdateId;
    private long lastNodeSequenceId;
    private double batteryPercent = 100;
    private long stateHeaderId;

    /**
     * @param index           the robot's index on the floor
     * @param heartbeatMillis longest time between two states
     */
    public SimulatedVdaRobot(int index, String manufacturer, String serialNumber, VdaTopics topics, GridMap map,
            GridNodes nodes, LiveFloor floor, long moveMillis, long heartbeatMillis, Clock clock) {
        this.index = index;
        this.manufacturer = manufacturer;
        this.serialNumber = serialNumber;
        this.topics = topics;
        this.map = map;
        this.nodes = nodes;
        this.floor = floor;
        this.moveMillis = moveMillis;
        this.heartbeatMillis = heartbeatMillis;
        this.clock = clock;
    }

    public String serialNumber() {
        return serialNumber;
    }

    /** Orders refused: not this robot's, not JSON, or not continuing from where it stands. */
    public long ordersRefused() {
        return ordersRefused.get();
    }

    /** Nodes reached by driving (or turning) to them. */
    public long nodesReached() {
        return nodesReached.get();
    }

    /** Messages its MQTT session dropped (QoS 0 not taken, QoS 1 not acknowledged in time); 0 before connecting. */
    public long publishesDropped() {
        return session == null ? 0 : session.publishesDropped();
    }

    /** Connects to the broker and announces itself; call before starting {@link #run} on a thread. */
    public void connect(String brokerUri) {
        byte[] broken = codec.writeConnection(connection(VdaConnection.ConnectionState.CONNECTIONBROKEN, 0));
        session = MqttSession.connect(brokerUri, manufacturer + "-" + serialNumber,
                new MqttSession.Will(topic(VdaTopics.Kind.CONNECTION), broken),
                List.of(topic(VdaTopics.Kind.ORDER)), (topic, payload) -> received.add(payload));
        session.publishAcknowledged(topic(VdaTopics.Kind.CONNECTION),
                codec.writeConnection(connection(VdaConnection.ConnectionState.ONLINE, 1)), true);
    }

    /** Executes orders and reports its state until {@link #stop}. */
    @Override
    public void run() {
        publishState(false, List.of(), List.of());
        while (running) {
            byte[] payload;
            try {
                payload = received.poll(heartbeatMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (payload == null) {
                publishState(false, List.of(), List.of());
            } else {
                execute(payload);
            }
        }
    }

    /** Stops after the current node, says {@code OFFLINE} and disconnects. */
    public void stop() {
        running = false;
    }

    /** Says goodbye and disconnects; call after {@link #run} has returned. Does nothing before {@link #connect}. */
    public void disconnect() {
        if (session == null) {
            return;
        }
        session.publishAcknowledged(topic(VdaTopics.Kind.CONNECTION),
                codec.writeConnection(connection(VdaConnection.ConnectionState.OFFLINE, 2)), true);
        session.close();
    }

    /** Loses its connection without a goodbye, as on a power loss: the broker publishes the last will. */
    public void dropConnection() {
        running = false;
        session.drop();
    }

    private void execute(byte[] payload) {
        VdaOrder order;
        try {
            order = codec.readOrder(payload);
        } catch (VdaFormatException | IllegalArgumentException | NullPointerException e) {
            ordersRefused.incrementAndGet();
            return;
        }
        if (!order.header().manufacturer().equals(manufacturer) || !order.header().serialNumber().equals(serialNumber)) {
            ordersRefused.incrementAndGet();
            return;
        }
        if (order.orderId().equals(orderId) && order.orderUpdateId() <= orderUpdateId) {
            publishState(false, List.of(), List.of());
            return;
        }
        VdaOrder.Node first = order.firstNode();
        boolean continues = !order.orderId().equals(orderId) || first.sequenceId() == lastNodeSequenceId;
        OptionalInt firstCell = nodes.findCell(first.nodeId());
        if (!continues || firstCell.isEmpty() || firstCell.getAsInt() != floor.cell(index)) {
            ordersRefused.incrementAndGet();
            publishState(false, List.of(), List.of());
            return;
        }
        List<VdaOrder.Node> path = new ArrayList<>();
        for (VdaOrder.Node node : order.nodes().subList(1, order.nodes().size())) {
            OptionalInt cell = nodes.findCell(node.nodeId());
            if (!node.released() || cell.isEmpty()) {
                break;
            }
            path.add(node);
        }
        orderId = order.orderId();
        orderUpdateId = order.orderUpdateId();
        lastNodeSequenceId = first.sequenceId();
        for (int i = 0; i < path.size() && running; i++) {
            VdaOrder.Node node = path.get(i);
            int targetCell = nodes.findCell(node.nodeId()).getAsInt();
            int from = floor.cell(index);
            int heading = floor.heading(index);
            int targetHeading = node.nodePosition() == null ? heading : GridNodes.heading(node.nodePosition().theta());
            publishState(true, ahead(path, i), edgesAhead(order, i));
            floor.startMove(index, action(from, heading, targetCell, targetHeading), targetCell, targetHeading);
            sleep(moveMillis);
            floor.finishMove(index);
            lastNodeSequenceId = node.sequenceId();
            batteryPercent = Math.max(0, batteryPercent - DRAIN_PER_NODE_PERCENT);
            nodesReached.incrementAndGet();
            publishState(false, ahead(path, i + 1), edgesAhead(order, i + 1));
        }
    }

    /** The action the validator checks: a step in a grid direction, a quarter turn, or a wait. */
    private Action action(int from, int heading, int to, int targetHeading) {
        if (from != to) {
            int direction = map.directionTo(from, to);
            return direction == GridMap.NONE ? Action.FORWARD : Action.values()[Action.EAST.ordinal() + direction];
        }
        if (targetHeading == (heading + 1) % 4) {
            return Action.CLOCKWISE;
        }
        return targetHeading == (heading + 3) % 4 ? Action.COUNTERCLOCKWISE : Action.WAIT;
    }

    private static List<VdaState.NodeState> ahead(List<VdaOrder.Node> path, int from) {
        List<VdaState.NodeState> states = new ArrayList<>();
        for (VdaOrder.Node node : path.subList(from, path.size())) {
            states.add(new VdaState.NodeState(node.nodeId(), node.sequenceId(), node.released()));
        }
        return states;
    }

    private static List<VdaState.EdgeState> edgesAhead(VdaOrder order, int from) {
        List<VdaState.EdgeState> states = new ArrayList<>();
        for (VdaOrder.Edge edge : order.edges().subList(Math.min(from, order.edges().size()), order.edges().size())) {
            states.add(new VdaState.EdgeState(edge.edgeId(), edge.sequenceId(), edge.released()));
        }
        return states;
    }

    private void publishState(boolean driving, List<VdaState.NodeState> nodeStates,
            List<VdaState.EdgeState> edgeStates) {
        int cell = floor.cell(index);
        int heading = floor.heading(index);
        // Published before the floor move starts, so while driving the last node is still the one it leaves.
        String lastNode = nodes.nodeId(cell);
        VdaState state = new VdaState(header(++stateHeaderId), orderId, orderUpdateId, lastNode, lastNodeSequenceId,
                nodeStates, edgeStates, new VdaState.AgvPosition(nodes.x(cell), nodes.y(cell), GridNodes.theta(heading),
                nodes.mapId(), true), driving, new VdaState.BatteryState(batteryPercent, false), List.of());
        session.publish(topic(VdaTopics.Kind.STATE), codec.writeState(state), false);
    }

    private VdaConnection connection(VdaConnection.ConnectionState state, long headerId) {
        return new VdaConnection(header(headerId), state);
    }

    private VdaHeader header(long headerId) {
        return new VdaHeader(headerId, clock.instant(), VdaHeader.VERSION, manufacturer, serialNumber);
    }

    private String topic(VdaTopics.Kind kind) {
        return topics.topic(manufacturer, serialNumber, kind);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
