package io.aisle.robotics.vda5050;

import java.util.Optional;

/**
 * The VDA 5050 topic layout {@code interfaceName/v2/manufacturer/serialNumber/topic} of one warehouse. The interface
 * name is the warehouse's prefix: every robot and the master control of one warehouse use the same one, and nothing
 * else does, so a broker's topic access rules can keep warehouses (and tenants) apart.
 */
public final class VdaTopics {

    /** The major version level of the topics. */
    public static final String MAJOR_VERSION = "v2";

    /** What a topic carries. */
    public enum Kind {
        ORDER("order"),
        INSTANT_ACTIONS("instantActions"),
        STATE("state"),
        CONNECTION("connection"),
        VISUALIZATION("visualization"),
        FACTSHEET("factsheet");

        private final String level;

        Kind(String level) {
            this.level = level;
        }

        /** The last topic level, for example {@code instantActions}. */
        public String level() {
            return level;
        }
    }

    /**
     * A topic of one robot, as parsed from a received message's topic name.
     */
    public record RobotTopic(String manufacturer, String serialNumber, Kind kind) {
    }

    private final String interfaceName;

    /**
     * @param interfaceName one topic level: not empty, no {@code /}, {@code +} or {@code #}
     */
    public VdaTopics(String interfaceName) {
        requireLevel("interfaceName", interfaceName);
        this.interfaceName = interfaceName;
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** The topic of one robot and kind, for example {@code aisle.acme.wh-1/v2/Acme/AGV-7/order}. */
    public String topic(String manufacturer, String serialNumber, Kind kind) {
        requireLevel("manufacturer", manufacturer);
        requireLevel("serialNumber", serialNumber);
        return interfaceName + "/" + MAJOR_VERSION + "/" + manufacturer + "/" + serialNumber + "/" + kind.level();
    }

    /** The subscription filter for one kind from every robot of this interface, whatever its manufacturer. */
    public String everyRobot(Kind kind) {
        return interfaceName + "/" + MAJOR_VERSION + "/+/+/" + kind.level();
    }

    /** Parses a topic of this interface; empty for any other topic. */
    public Optional<RobotTopic> parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length != 5 || !levels[0].equals(interfaceName) || !levels[1].equals(MAJOR_VERSION)
                || levels[2].isEmpty() || levels[3].isEmpty()) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.level().equals(levels[4])) {
                return Optional.of(new RobotTopic(levels[2], levels[3], kind));
            }
        }
        return Optional.empty();
    }

    private static void requireLevel(String name, String level) {
        if (level == null || level.isEmpty() || level.contains("/") || level.contains("+") || level.contains("#")) {
            throw new IllegalArgumentException(name + " must be one topic level (not empty, no '/', '+' or '#') but was '"
                    + level + "'");
        }
    }
}
