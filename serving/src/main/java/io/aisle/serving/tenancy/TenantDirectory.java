package io.aisle.serving.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tenants and their API keys. Implementations are thread-safe. */
public interface TenantDirectory {

    /** @throws IllegalArgumentException when the tenant exists already */
    void createTenant(TenantId tenant);

    List<TenantId> tenants();

    boolean exists(TenantId tenant);

    /**
     * Creates a key with a fresh random secret.
     *
     * @throws IllegalArgumentException when the tenant does not exist
     */
    IssuedKey addKey(TenantId tenant, Set<Role> roles, Optional<String> robotId);

    /** Revokes a key of that tenant; false when the tenant has no such key. */
    boolean revokeKey(TenantId tenant, String keyId);

    List<ApiKey> keys(TenantId tenant);

    /** The active (not revoked) key with that id, with its secret for signature checks. */
    Optional<ActiveKey> findActiveKey(String keyId);

    /** A key that may sign requests, and its plain secret, kept only in memory. */
    record ActiveKey(ApiKey key, String secret) {
    }
}
