package io.aisle.serving.testing;

import io.aisle.serving.tenancy.FileTenantDirectory;
import io.aisle.serving.tenancy.IssuedKey;
import io.aisle.serving.tenancy.Role;
import io.aisle.serving.tenancy.SecretCipher;
import io.aisle.serving.tenancy.TenantDirectory;
import io.aisle.serving.tenancy.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A tenant directory in a temporary home, shared with a {@link RunningServer} through its properties. */
public final class TestTenants {

    /** A fixed master key for tests (base64 of 32 bytes). */
    public static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private final Path home;
    private final TenantDirectory directory;

    public TestTenants(Path home) {
        this.home = home;
        this.directory = new FileTenantDirectory(home.resolve("tenants.json"), SecretCipher.fromBase64(MASTER_KEY), Clock.systemUTC());
    }

    /** The server properties that make it read this directory. */
    public Map<String, Object> serverProperties() {
        return Map.of("aisle.home", home.toString(), "aisle.master-key", MASTER_KEY);
    }

    public TenantDirectory directory() {
        return directory;
    }

    public void create(String tenant) {
        directory.createTenant(new TenantId(tenant));
    }

    public IssuedKey key(String tenant, Role... roles) {
        return directory.addKey(new TenantId(tenant), Set.of(roles), Optional.empty());
    }

    public IssuedKey robotKey(String tenant, String robot) {
        return directory.addKey(new TenantId(tenant), Set.of(Role.ROBOT), Optional.of(robot));
    }
}
