package io.aisle.serving.tenancy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An API key as the directory keeps it. The secret is never held here: the directory keeps it
 * encrypted and hands out a verifier.
 *
 * @param robotId for a {@link Role#ROBOT} key, the one robot it speaks for
 */
public record ApiKey(String keyId, TenantId tenant, Set<Role> roles, Optional<String> robotId,
        Instant createdAt, boolean revoked) {

    public ApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(tenant, "tenant");
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(robotId, "robotId");
        if (roles.contains(Role.ROBOT) && robotId.isEmpty()) {
            throw new IllegalArgumentException("a robot key must name its robot");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public ApiKey withRevoked(boolean revoked) {
        return new ApiKey(keyId, tenant, roles, robotId, createdAt, revoked);
    }
}
