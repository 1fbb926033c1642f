package io.aisle.robotics.vda5050;

import java.util.List;
import java.util.Objects;

/**
 * An {@code order} (master control to robot): a path of nodes joined by edges. Nodes have even sequence ids, the
 * edges between them the odd ones in between. An update of the same {@code orderId} (a higher {@code orderUpdateId})
 * starts with the last released node of the previous one, with the same sequence id.
 *
 * @param orderId       stays the same over the order's updates
 * @param orderUpdateId increases with every update of the order
 */
public record VdaOrder(VdaHeader header, String orderId, long orderUpdateId, List<Node> nodes, List<Edge> edges) {

    public VdaOrder {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(orderId, "orderId");
        if (orderUpdateId < 0) {
            throw new IllegalArgumentException("orderUpdateId must be >= 0 but was " + orderUpdateId);
        }
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one node");
        }
        if (edges.size() != nodes.size() - 1) {
            throw new IllegalArgumentException("an order of " + nodes.size() + " nodes has " + (nodes.size() - 1)
                    + " edges but had " + edges.size());
        }
    }

    /** The first node, where the robot must stand (or the previous update ended) to accept the order. */
    public Node firstNode() {
        return nodes.get(0);
    }

    /** The last node; where the robot stands once it has done the order. */
    public Node lastNode() {
        return nodes.get(nodes.size() - 1);
    }

    /**
     * A point of the path.
     *
     * @param sequenceId   even, increasing along the path
     * @param released     part of the base the robot may drive; false for the horizon it may only plan with
     * @param nodePosition where the node is and which way the robot faces there, or null
     */
    public record Node(String nodeId, long sequenceId, boolean released, NodePosition nodePosition) {

        public Node {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /**
     * A node's pose in the map frame (metres, counterclockwise radians from the x axis).
     *
     * @param theta the orientation the robot has at the node
     */
    public record NodePosition(double x, double y, double theta, String mapId) {

        public NodePosition {
            Objects.requireNonNull(mapId, "mapId");
        }
    }

    /**
     * A connection between two consecutive nodes.
     *
     * @param sequenceId odd, between its nodes' sequence ids
     */
    public record Edge(String edgeId, long sequenceId, boolean released, String startNodeId, String endNodeId) {

        public Edge {
            Objects.requireNonNull(edgeId, "edgeId");
            Objects.requireNonNull(startNodeId, "startNodeId");
            Objects.requireNonNull(endNodeId, "endNodeId");
        }
    }
}
