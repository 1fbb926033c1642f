package io.aisle.serving.warehouse;

import io.aisle.serving.tenancy.TenantId;
import java.util.Objects;
import java.util.regex.Pattern;

/** One warehouse of one tenant: every stored file and every dispatcher is scoped by both. */
public record WarehouseKey(TenantId tenant, String warehouse) {

    /** Warehouse ids are safe in paths and file names. */
    public static final Pattern WAREHOUSE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public WarehouseKey {
        Objects.requireNonNull(tenant, "tenant");
        if (warehouse == null || !WAREHOUSE_ID.matcher(warehouse).matches()) {
            throw new IllegalArgumentException("warehouse id must match " + WAREHOUSE_ID + " but was " + warehouse);
        }
    }

    @Override
    public String toString() {
        return tenant.value() + ":" + warehouse;
    }
}
