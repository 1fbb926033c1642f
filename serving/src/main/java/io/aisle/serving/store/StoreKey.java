package io.aisle.serving.store;

import io.aisle.serving.tenancy.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One store of one tenant. {@link #wireKey()} ({@code tenant:store}) keys Kafka records and
 * checkpoints, so every stored thing about a store is scoped by its tenant.
 */
public record StoreKey(TenantId tenant, String store) {

    /** Store ids are safe in paths, file names and record keys. */
    public static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public StoreKey {
        Objects.requireNonNull(tenant, "tenant");
        if (store == null || !STORE_ID.matcher(store).matches()) {
            throw new IllegalArgumentException("store id must match " + STORE_ID + " but was " + store);
        }
    }

    public String wireKey() {
        return tenant.value() + ":" + store;
    }

    /** The key of a {@link #wireKey()}, or empty when it is not one. */
    public static Optional<StoreKey> parseWireKey(String wireKey) {
        if (wireKey == null) {
            return Optional.empty();
        }
        int colon = wireKey.indexOf(':');
        try {
            return colon < 0 ? Optional.empty()
                    : Optional.of(new StoreKey(new TenantId(wireKey.substring(0, colon)), wireKey.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return wireKey();
    }
}
