package io.aisle.robotics.vda5050.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisle.robotics.vda5050.VdaConnection;
import io.aisle.robotics.vda5050.VdaHeader;
import io.aisle.robotics.vda5050.VdaOrder;
import io.aisle.robotics.vda5050.VdaState;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and writes the VDA 5050 2.0 JSON of {@code order}, {@code state} and {@code connection}. Reading checks the
 * fields this implementation needs and their types, and fails with a {@link VdaFormatException} naming the first bad
 * one; fields it does not use (actions, {@code safetyState}, ...) are ignored when read and written with neutral
 * values. Thread-safe.
 */
public final class VdaJsonCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] writeOrder(VdaOrder order) {
        ObjectNode root = header(order.header());
        root.put("orderId", order.orderId()).put("orderUpdateId", order.orderUpdateId());
        ArrayNode nodes = root.putArray("nodes");
        for (VdaOrder.Node node : order.nodes()) {
            ObjectNode out = nodes.addObject().put("nodeId", node.nodeId()).put("sequenceId", node.sequenceId())
                    .put("released", node.released());
            if (node.nodePosition() != null) {
                VdaOrder.NodePosition position = node.nodePosition();
                out.putObject("nodePosition").put("x", position.x()).put("y", position.y()).put("theta", position.theta())
                        .put("mapId", position.mapId());
            }
            out.putArray("actions");
        }
        ArrayNode edges = root.putArray("edges");
        for (VdaOrder.Edge edge : order.edges()) {
            edges.addObject().put("edgeId", edge.edgeId()).put("sequenceId", edge.sequenceId())
                    .put("released", edge.released()).put("startNodeId", edge.startNodeId())
                    .put("endNodeId", edge.endNodeId()).putArray("actions");
        }
        return bytes(root);
    }

    public VdaOrder readOrder(byte[] json) {
        JsonNode root = parse(json);
        return new VdaOrder(readHeader(root), text(root, "orderId"), count(root, "orderUpdateId"),
                list(root, "nodes", node -> new VdaOrder.Node(text(node, "nodeId"), count(node, "sequenceId"),
                        bool(node, "released"), node.hasNonNull("nodePosition") ? nodePosition(node.get("nodePosition"))
                        : null)),
                list(root, "edges", edge -> new VdaOrder.Edge(text(edge, "edgeId"), count(edge, "sequenceId"),
                        bool(edge, "released"), text(edge, "startNodeId"), text(edge, "endNodeId"))));
    }

    public byte[] writeState(VdaState state) {
        ObjectNode root = header(state.header());
        root.put("orderId", state.orderId()).put("orderUpdateId", state.orderUpdateId())
                .put("lastNodeId", state.lastNodeId()).put("lastNodeSequenceId", state.lastNodeSequenceId());
        ArrayNode nodeStates = root.putArray("nodeStates");
        for (VdaState.NodeState node : state.nodeStates()) {
            nodeStates.addObject().put("nodeId", node.nodeId()).put("sequenceId", node.sequenceId())
                    .put("released", node.released());
        }
        ArrayNode edgeStates = root.putArray("edgeStates");
        for (VdaState.EdgeState edge : state.edgeStates()) {
            edgeStates.addObject().put("edgeId", edge.edgeId()).put("sequenceId", edge.sequenceId())
                    .put("released", edge.released());
        }
        if (state.agvPosition() != null) {
            VdaState.AgvPosition position = state.agvPosition();
            root.putObject("agvPosition").put("x", position.x()).put("y", position.y()).put("theta", position.theta())
                    .put("mapId", position.mapId()).put("positionInitialized", position.positionInitialized());
        }
        root.put("driving", state.driving());
        root.putArray("actionStates");
        root.putObject("batteryState").put("batteryCharge", state.batteryState().batteryCharge())
                .put("charging", state.batteryState().charging());
        root.put("operatingMode", "AUTOMATIC");
        ArrayNode errors = root.putArray("errors");
        for (VdaState.VdaError error : state.errors()) {
            ObjectNode out = errors.addObject().put("errorType", error.errorType())
                    .put("errorLevel", error.errorLevel().name());
            if (error.errorDescription() != null) {
                out.put("errorDescription", error.errorDescription());
            }
        }
        root.putObject("safetyState").put("eStop", "NONE").put("fieldViolation", false);
        return bytes(root);
    }

    public VdaState readState(byte[] json) {
        JsonNode root = parse(json);
        JsonNode battery = object(root, "batteryState");
        VdaState.AgvPosition position = null;
        if (root.hasNonNull("agvPosition")) {
            JsonNode agv = object(root, "agvPosition");
            position = new VdaState.AgvPosition(number(agv, "x"), number(agv, "y"), number(agv, "theta"),
                    text(agv, "mapId"), bool(agv, "positionInitialized"));
        }
        return new VdaState(readHeader(root), text(root, "orderId"), count(root, "orderUpdateId"),
                text(root, "lastNodeId"), count(root, "lastNodeSequenceId"),
                list(root, "nodeStates", node -> new VdaState.NodeState(text(node, "nodeId"), count(node, "sequenceId"),
                        bool(node, "released"))),
                list(root, "edgeStates", edge -> new VdaState.EdgeState(text(edge, "edgeId"), count(edge, "sequenceId"),
                        bool(edge, "released"))),
                position, bool(root, "driving"),
                new VdaState.BatteryState(number(battery, "batteryCharge"), bool(battery, "charging")),
                list(root, "errors", error -> new VdaState.VdaError(text(error, "errorType"),
                        errorLevel(text(error, "errorLevel")),
                        error.hasNonNull("errorDescription") ? error.get("errorDescription").asText() : null)));
    }

    public byte[] writeConnection(VdaConnection connection) {
        ObjectNode root = header(connection.header());
        root.put("connectionState", connection.connectionState().name());
        return bytes(root);
    }

    public VdaConnection readConnection(byte[] json) {
        JsonNode root = parse(json);
        String state = text(root, "connectionState");
        try {
            return new VdaConnection(readHeader(root), VdaConnection.ConnectionState.valueOf(state));
        } catch (IllegalArgumentException e) {
            throw new VdaFormatException("connectionState must be ONLINE, OFFLINE or CONNECTIONBROKEN but was " + state);
        }
    }

    private static ObjectNode header(VdaHeader header) {
        return JSON.createObjectNode().put("headerId", header.headerId()).put("timestamp", header.timestamp().toString())
                .put("version", header.version()).put("manufacturer", header.manufacturer())
                .put("serialNumber", header.serialNumber());
    }

    private static VdaHeader readHeader(JsonNode root) {
        String timestamp = text(root, "timestamp");
        try {
            return new VdaHeader(count(root, "headerId"), Instant.parse(timestamp), text(root, "version"),
                    text(root, "manufacturer"), text(root, "serialNumber"));
        } catch (DateTimeParseException e) {
            throw new VdaFormatException("timestamp must be ISO 8601 in UTC (2026-01-01T12:00:00.000Z) but was "
                    + timestamp);
        }
    }

    private static VdaOrder.NodePosition nodePosition(JsonNode node) {
        if (!node.isObject()) {
            throw new VdaFormatException("nodePosition must be an object");
        }
        return new VdaOrder.NodePosition(number(node, "x"), number(node, "y"), number(node, "theta"), text(node, "mapId"));
    }

    private static VdaState.ErrorLevel errorLevel(String level) {
        try {
            return VdaState.ErrorLevel.valueOf(level);
        } catch (IllegalArgumentException e) {
            throw new VdaFormatException("errorLevel must be WARNING or FATAL but was " + level);
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new VdaFormatException("a VDA 5050 message is a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new VdaFormatException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new VdaFormatException("cannot be read: " + e.getMessage());
        }
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new VdaFormatException(field + " must be an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new VdaFormatException(field + " must be a string");
        }
        return node.asText();
    }

    private static long count(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.canConvertToExactIntegral() || node.asLong() < 0) {
            throw new VdaFormatException(field + " must be an integer >= 0");
        }
        return node.asLong();
    }

    private static double number(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new VdaFormatException(field + " must be a number");
        }
        return node.asDouble();
    }

    private static boolean bool(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isBoolean()) {
            throw new VdaFormatException(field + " must be true or false");
        }
        return node.asBoolean();
    }

    private static <T> List<T> list(JsonNode parent, String field, Function<JsonNode, T> element) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new VdaFormatException(field + " must be an array");
        }
        List<T> out = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new VdaFormatException(field + " must hold objects");
            }
            out.add(element.apply(item));
        }
        return out;
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
