package io.aisle.robotics.vda5050;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aisle.robotics.dispatch.Dispatcher;
import io.aisle.robotics.dispatch.DispatcherSettings;
import io.aisle.robotics.dispatch.ManualClock;
import io.aisle.robotics.layout.Pod;
import io.aisle.robotics.layout.Station;
import io.aisle.robotics.layout.WarehouseLayout;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.motion.ActionModel;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.robotics.testing.Grids;
import io.aisle.robotics.vda5050.json.VdaJsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class VdaMasterTest {

    private static final String MANUFACTURER = "Acme";

    // Row 0: station at (0,0); row 2: storage cells with pods at (2,2) and (2,4); chargers at (2,6).
    private final GridMap map = Grids.of(
            ".......",
            ".......",
            "..@.@..");
    private final ManualClock clock = new ManualClock();
    private final VdaTopics topics = new VdaTopics("aisle.t1.wh-1");
    private final GridNodes nodes = new GridNodes(map, 1.0, "test");
    private final VdaJsonCodec codec = new VdaJsonCodec();
    private final Dispatcher dispatcher = new Dispatcher(new WarehouseLayout(map,
            List.of(new Pod(0, map.cell(1, 2), Set.of("soap")), new Pod(1, map.cell(1, 4), Set.of("tea"))),
            List.of(new Station(0, map.cell(0, 0), 2)), List.of(map.cell(2, 6)),
            new int[] {map.cell(1, 2), map.cell(1, 4), map.cell(1, 3)}),
            List.of("agv-0", "agv-1"), new int[] {map.cell(0, 6), map.cell(0, 3)},
            DispatcherSettings.defaults(ActionModel.FOUR_CONNECTED), clock);
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());

    private VdaMaster master(VdaTransport transport) {
        VdaMaster master = new VdaMaster(topics, MANUFACTURER, nodes, VdaMaster.Fleet.of(dispatcher), transport, clock);
        dispatcher.addCommandListener(master::onCommand);
        return master;
    }

    private VdaMaster recordingMaster() {
        return master((topic, payload, retained) -> published.add(topic));
    }

    @Test
    void turnsAStateIntoTelemetryAndTheNextCommandIntoAnOrderOnTheRobotsTopic() {
        VdaMaster master = recordingMaster();
        reportBothRobotsAndTickUntilAnOrderIsPublished(master, published);

        assertEquals(2, master.statesAccepted());
        assertEquals(0, master.ignoredTotal());
        assertFalse(published.isEmpty(), "an order update was published");
        assertTrue(published.stream().allMatch(topic -> topic.startsWith("aisle.t1.wh-1/v2/Acme/agv-")
                && topic.endsWith("/order")), published.toString());
        assertEquals(published.size(), master.ordersPublished());
    }

    @Test
    void countsMalformedMessagesAndKeepsAcceptingStates() {
        VdaMaster master = recordingMaster();
        String topic = stateTopic("agv-0");
        master.onMessage(topic, "not json".getBytes(StandardCharsets.UTF_8));
        master.onMessage(topic, "[1, 2]".getBytes(StandardCharsets.UTF_8));
        master.onMessage(topic, "{}".getBytes(StandardCharsets.UTF_8));
        master.onMessage(topic, new String(state("agv-0", map.cell(0, 6), 80.0), StandardCharsets.UTF_8)
                .replace("\"batteryCharge\":80.0", "\"batteryCharge\":\"full\"").getBytes(StandardCharsets.UTF_8));
        master.onMessage(topicOf("agv-0", "connection"), "{\"connectionState\":\"ONLINE\"}"
                .getBytes(StandardCharsets.UTF_8));

        master.onMessage(topic, state("agv-0", map.cell(0, 6), 80.0));

        assertEquals(5, master.ignored(VdaMaster.Ignored.MALFORMED));
        assertEquals(5, master.ignoredTotal());
        assertEquals(1, master.statesAccepted());
    }

    @Test
    void refusesStatesWhoseTopicOrHeaderNamesAnotherManufacturerOrRobot() {
        VdaMaster master = recordingMaster();
        master.onMessage("aisle.t1.wh-1/v2/Other/agv-0/state", state("agv-0", map.cell(0, 6), 80.0));
        master.onMessage(stateTopic("agv-0"), state("Other", "agv-0", map.cell(0, 6), 80.0));
        master.onMessage(stateTopic("agv-0"), state("agv-1", map.cell(0, 3), 80.0));

        assertEquals(2, master.ignored(VdaMaster.Ignored.WRONG_MANUFACTURER));
        assertEquals(1, master.ignored(VdaMaster.Ignored.SERIAL_MISMATCH));
        assertEquals(0, master.statesAccepted());
    }

    @Test
    void refusesUnknownRobotsNodesTopicsAndPosesWithoutTouchingTheFleet() {
        VdaMaster master = recordingMaster();
        master.onMessage(stateTopic("agv-9"), state("agv-9", map.cell(0, 6), 80.0));
        master.onMessage(topicOf("agv-9", "connection"), codec.writeConnection(new VdaConnection(
                new VdaHeader(0, clock.instant(), VdaHeader.VERSION, MANUFACTURER, "agv-9"),
                VdaConnection.ConnectionState.ONLINE)));
        master.onMessage(stateTopic("agv-0"), new String(state("agv-0", map.cell(0, 6), 80.0), StandardCharsets.UTF_8)
                .replace("r0c6", "r2c2").getBytes(StandardCharsets.UTF_8));
        master.onMessage("aisle.t1.wh-1/v2/Acme/agv-0/order", state("agv-0", map.cell(0, 6), 80.0));
        master.onMessage("elsewhere/v2/Acme/agv-0/state", state("agv-0", map.cell(0, 6), 80.0));
        master.onMessage(stateTopic("agv-0"), state("agv-0", map.cell(1, 0), 80.0));
        master.onMessage(stateTopic("agv-0"), state("agv-0", map.cell(0, 6), 180.0));

        assertEquals(2, master.ignored(VdaMaster.Ignored.UNKNOWN_ROBOT));
        assertEquals(1, master.ignored(VdaMaster.Ignored.UNKNOWN_NODE), "r2c2 is an obstacle");
        assertEquals(2, master.ignored(VdaMaster.Ignored.UNEXPECTED_TOPIC));
        assertEquals(2, master.ignored(VdaMaster.Ignored.REFUSED_BY_DISPATCHER), "a jump and a battery of 180 %");
        assertTrue(master.connection("agv-9").isEmpty());
        assertEquals(0, master.statesAccepted());
        assertEquals(map.cell(0, 6), dispatcher.snapshot().robots().get(0).cell());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void publishesWhileTheClientsDeliveryThreadWaitsForTheMasterWithoutDeadlock() throws Exception {
        // Like an MQTT client: a publish completes only after the delivery thread has handed over the message it
        // holds, which needs the master. Publishing with the master's lock held never completes.
        List<Boolean> completed = Collections.synchronizedList(new ArrayList<>());
        VdaMaster[] holder = new VdaMaster[1];
        VdaMaster master = master((topic, payload, retained) -> {
            assertFalse(Thread.holdsLock(holder[0]), "the transport is called without the master's lock");
            String robot = topic.split("/")[3];
            Thread delivery = new Thread(() -> holder[0].onMessage(topicOf(robot, "connection"),
                    codec.writeConnection(new VdaConnection(new VdaHeader(0, clock.instant(), VdaHeader.VERSION,
                            MANUFACTURER, robot), VdaConnection.ConnectionState.ONLINE))));
            delivery.start();
            try {
                delivery.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            completed.add(!delivery.isAlive());
        });
        holder[0] = master;
        reportBothRobotsAndTickUntilAnOrderIsPublished(master, completed);

        assertFalse(completed.isEmpty(), "an order was published");
        assertTrue(completed.stream().allMatch(Boolean::booleanValue), "publishes that waited in vain: " + completed);
        assertEquals(VdaConnection.ConnectionState.ONLINE, master.connection("agv-0").or(() -> master.connection("agv-1"))
                .orElseThrow());
    }

    /** Both robots report where they start, the WMS sends one order, ticks run until something was published. */
    private void reportBothRobotsAndTickUntilAnOrderIsPublished(VdaMaster master, List<?> publishes) {
        master.onMessage(stateTopic("agv-0"), state("agv-0", map.cell(0, 6), 80.0));
        master.onMessage(stateTopic("agv-1"), state("agv-1", map.cell(0, 3), 80.0));
        dispatcher.submitOrder(new Order("o-1", List.of(new OrderLine("tea", 1))));
        for (int t = 0; t < 5 && publishes.isEmpty(); t++) {
            clock.advanceMillis(500);
            dispatcher.tick();
        }
    }

    private String stateTopic(String serialNumber) {
        return topicOf(serialNumber, "state");
    }

    private String topicOf(String serialNumber, String kind) {
        return "aisle.t1.wh-1/v2/" + MANUFACTURER + "/" + serialNumber + "/" + kind;
    }

    private byte[] state(String serialNumber, int cell, double batteryPercent) {
        return state(MANUFACTURER, serialNumber, cell, batteryPercent);
    }

    private byte[] state(String manufacturer, String serialNumber, int cell, double batteryPercent) {
        return codec.writeState(new VdaState(new VdaHeader(1, clock.instant(), VdaHeader.VERSION, manufacturer,
                serialNumber), "", 0, nodes.nodeId(cell), 0, List.of(), List.of(),
                new VdaState.AgvPosition(nodes.x(cell), nodes.y(cell), GridNodes.theta(0), nodes.mapId(), true), false,
                new VdaState.BatteryState(batteryPercent, false), List.of()));
    }
}
