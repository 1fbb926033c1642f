package io.aisle.serving.security;

import io.aisle.serving.tenancy.Role;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which role each {@code /v1} path needs, in one table. Paths outside the table need a valid
 * signature and then answer 404, so an unknown path reveals nothing to an unsigned caller.
 */
public final class RouteAccess {

    /** Receipt review and disputes: a person's decisions, not a device's readings. */
    private static final Pattern STORE_REVIEW = Pattern.compile("^/v1/stores/[^/]+/(reviews(/[^/]+)?|receipts/[^/]+/disputes)$");
    private static final Pattern STORE_EVENTS = Pattern.compile("^/v1/stores/[^/]+/events$");
    private static final Pattern ROBOT_COMMANDS = Pattern.compile("^/v1/warehouses/[^/]+/robots/[^/]+/commands$");
    private static final Pattern ROBOT_CHANNEL = Pattern.compile("^/v1/warehouses/[^/]+/robots/([^/]+)(/.*)?$");

    private RouteAccess() {
    }

    /** Paths anyone may call: they reveal no tenant data. */
    public static boolean isPublic(String path) {
        return !path.startsWith("/v1/") || path.equals("/v1/ping") || path.equals("/v1/version");
    }

    public static Optional<Role> requiredRole(String path) {
        if (path.startsWith("/v1/recommendations/") || path.equals("/v1/events")) {
            return Optional.of(Role.STOREFRONT);
        }
        if (path.startsWith("/v1/stores/")) {
            return Optional.of(STORE_REVIEW.matcher(path).matches() ? Role.STORE_OPERATOR : Role.STORE_DEVICE);
        }
        if (ROBOT_CHANNEL.matcher(path).matches()) {
            return Optional.of(Role.ROBOT);
        }
        if (path.startsWith("/v1/warehouses/")) {
            return Optional.of(Role.WMS);
        }
        if (path.startsWith("/v1/admin/")) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.empty();
    }

    /**
     * Long-lived responses (server-sent events, long polls): they count against the tenant's
     * stream cap instead of its request bulkhead, so open streams cannot starve short calls.
     */
    public static boolean isStream(String path) {
        return path.startsWith("/v1/stores/") && STORE_EVENTS.matcher(path).matches()
                || path.startsWith("/v1/warehouses/") && ROBOT_COMMANDS.matcher(path).matches();
    }

    /** The robot id in a robot-channel path, for matching against a robot key's own robot. */
    public static Optional<String> robotInPath(String path) {
        if (!path.startsWith("/v1/warehouses/")) {
            return Optional.empty();
        }
        Matcher matcher = ROBOT_CHANNEL.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
