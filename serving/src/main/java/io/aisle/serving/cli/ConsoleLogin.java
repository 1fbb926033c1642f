package io.aisle.serving.cli;

import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.TenantDirectory;
import io.aisle.serving.tenancy.TenantId;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A login for the console that lasts one run of the server: a fresh key of the tenant with every role a console
 * page needs, revoked when the server shuts down, so a printed secret is worth nothing once the run is over.
 */
final class ConsoleLogin {

    /**
     * The roles of the console's pages: warehouse (wms), store (store-device), its review queue (store-operator),
     * models and keys (admin), storefront calls.
     */
    static final EnumSet<Role> ROLES = EnumSet.of(Role.ADMIN, Role.WMS, Role.STORE_DEVICE, Role.STORE_OPERATOR, Role.STOREFRONT);

    private ConsoleLogin() {
    }

    /**
     * Issues the key in the running server's own tenant directory and revokes it as {@code context} closes.
     *
     * @return empty when the tenant does not exist in that directory
     */
    static Optional<IssuedKey> issueForThisRun(ConfigurableApplicationContext context, TenantId tenant) {
        TenantDirectory directory = context.getBean(TenantDirectory.class);
        if (!directory.exists(tenant)) {
            return Optional.empty();
        }
        IssuedKey key = directory.addKey(tenant, ROLES, Optional.empty());
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                directory.revokeKey(tenant, key.key().keyId());
            }
        });
        return Optional.of(key);
    }
}
