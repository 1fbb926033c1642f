package io.aisle.serving.tenancy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do. A key carries one or more roles, always within its own tenant. */
public enum Role {
    /** Read recommendations and write interaction events. */
    STOREFRONT,
    /** Camera and shelf ingest of a checkout-free store. */
    STORE_DEVICE,
    /** Receipt review and shoppers' disputes of a checkout-free store. */
    STORE_OPERATOR,
    /** One robot's dispatch channel; the key names the robot. */
    ROBOT,
    /** Warehouse orders and warehouse state. */
    WMS,
    /** Models, variants and keys of the tenant. */
    ADMIN;

    /**
     * The wire name: {@code storefront}, {@code store-device}, {@code store-operator}, {@code robot},
     * {@code wms}, {@code admin}.
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Role> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(wireName)).findFirst();
    }
}
