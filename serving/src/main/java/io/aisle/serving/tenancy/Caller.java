package io.aisle.serving.tenancy;

import java.util.Optional;
import java.util.Set;

/** Who sent a request whose signature checked out: the key's tenant, roles and robot. */
public record Caller(TenantId tenant, String keyId, Set<Role> roles, Optional<String> robotId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static Caller of(ApiKey key) {
        return new Caller(key.tenant(), key.keyId(), key.roles(), key.robotId());
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
