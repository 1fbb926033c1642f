package io.aisle.serving.tenancy;

import io.aisle.recommender.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded tenant directory: one JSON file, secrets encrypted with {@link SecretCipher}.
 *
 * <p>Writes go to a temporary file that is then renamed over the old one, so a reader never
 * sees half a file. The CLI ({@code ./aisle tenants}) and a running server share the file: the
 * server calls {@link #reloadIfChanged()} from a background thread every second, so a key added
 * or revoked from the CLI takes effect within about a second. Lookups read an in-memory
 * snapshot and never touch the disk, so they are safe on an event loop. Thread-safe.
 */
public final class FileTenantDirectory implements TenantDirectory {

    private static final int FORMAT_VERSION = 1;

    private final Path file;
    private final SecretCipher cipher;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();

    private volatile Snapshot snapshot;

    public FileTenantDirectory(Path file, SecretCipher cipher, Clock clock) {
        this.file = file;
        this.cipher = cipher;
        this.clock = clock;
        this.snapshot = read();
    }

    /** Re-reads the file when another process changed it. Call from a background thread. */
    public synchronized void reloadIfChanged() {
        if (!modifiedTime().equals(snapshot.modified)) {
            snapshot = read();
        }
    }

    @Override
    public synchronized void createTenant(TenantId tenant) {
        Snapshot current = read();
        if (current.tenants.containsKey(tenant.value())) {
            throw new IllegalArgumentException("tenant " + tenant + " exists already");
        }
        Map<String, StoredTenant> tenants = new LinkedHashMap<>(current.tenants);
        tenants.put(tenant.value(), new StoredTenant(tenant.value(), clock.instant().toString()));
        write(new Document(FORMAT_VERSION, List.copyOf(tenants.values()), current.storedKeys()));
    }

    @Override
    public List<TenantId> tenants() {
        return fresh().tenants.keySet().stream().map(TenantId::new).toList();
    }

    @Override
    public boolean exists(TenantId tenant) {
        return fresh().tenants.containsKey(tenant.value());
    }

    @Override
    public synchronized IssuedKey addKey(TenantId tenant, Set<Role> roles, Optional<String> robotId) {
        Snapshot current = read();
        if (!current.tenants.containsKey(tenant.value())) {
            throw new IllegalArgumentException("unknown tenant " + tenant);
        }
        String keyId = "ak_" + HexFormat.of().formatHex(randomBytes(10));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        ApiKey key = new ApiKey(keyId, tenant, roles, robotId, clock.instant(), false);
        List<StoredKey> keys = new ArrayList<>(current.storedKeys());
        keys.add(StoredKey.of(key, cipher.encrypt(keyId, secret)));
        write(new Document(FORMAT_VERSION, List.copyOf(current.tenants.values()), keys));
        return new IssuedKey(key, secret);
    }

    @Override
    public synchronized boolean revokeKey(TenantId tenant, String keyId) {
        Snapshot current = read();
        boolean found = false;
        List<StoredKey> keys = new ArrayList<>();
        for (StoredKey stored : current.storedKeys()) {
            if (stored.keyId.equals(keyId) && stored.tenant.equals(tenant.value())) {
                stored = new StoredKey(stored.keyId, stored.tenant, stored.roles, stored.robot, stored.createdAt, true, stored.secret);
                found = true;
            }
            keys.add(stored);
        }
        if (found) {
            write(new Document(FORMAT_VERSION, List.copyOf(current.tenants.values()), keys));
        }
        return found;
    }

    @Override
    public List<ApiKey> keys(TenantId tenant) {
        return fresh().keys.values().stream().map(ActiveKey::key).filter(key -> key.tenant().equals(tenant)).toList();
    }

    @Override
    public Optional<ActiveKey> findActiveKey(String keyId) {
        ActiveKey found = fresh().keys.get(keyId);
        return found == null || found.key().revoked() ? Optional.empty() : Optional.of(found);
    }

    private Snapshot fresh() {
        return snapshot;
    }

    private Snapshot read() {
        FileTime modified = modifiedTime();
        if (!Files.exists(file)) {
            return new Snapshot(modified, Map.of(), Map.of(), List.of());
        }
        Document document;
        try {
            document = json.readValue(file.toFile(), Document.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("tenant file " + file + " is malformed: " + e.getOriginalMessage(), e);
        }
        if (document.formatVersion() != FORMAT_VERSION) {
            throw new IllegalStateException("tenant file " + file + " has format version " + document.formatVersion()
                    + "; this build reads " + FORMAT_VERSION);
        }
        Map<String, StoredTenant> tenants = new LinkedHashMap<>();
        document.tenants().forEach(tenant -> tenants.put(tenant.id(), tenant));
        Map<String, ActiveKey> keys = new LinkedHashMap<>();
        for (StoredKey stored : document.keys()) {
            ApiKey key = stored.toApiKey();
            keys.put(stored.keyId(), new ActiveKey(key, cipher.decrypt(stored.keyId(), stored.secret())));
        }
        return new Snapshot(modified, tenants, keys, document.keys());
    }

    private void write(Document document) {
        AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        snapshot = read();
    }

    private FileTime modifiedTime() {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tenant file " + file, e);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private record Snapshot(FileTime modified, Map<String, StoredTenant> tenants, Map<String, ActiveKey> keys,
            List<StoredKey> storedKeys) {
    }

    record Document(int formatVersion, List<StoredTenant> tenants, List<StoredKey> keys) {

        Document {
            tenants = tenants == null ? List.of() : List.copyOf(tenants);
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }

    record StoredTenant(String id, String createdAt) {
    }

    /** A key as written to disk; {@code secret} is the {@link SecretCipher} output, never plain. */
    record StoredKey(String keyId, String tenant, List<String> roles, String robot, String createdAt,
            boolean revoked, String secret) {

        static StoredKey of(ApiKey key, String encryptedSecret) {
            return new StoredKey(key.keyId(), key.tenant().value(),
                    key.roles().stream().map(Role::wireName).sorted().toList(),
                    key.robotId().orElse(null), key.createdAt().toString(), key.revoked(), encryptedSecret);
        }

        ApiKey toApiKey() {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                parsed.add(Role.fromWireName(role).orElseThrow(
                        () -> new IllegalStateException("key " + keyId + " has unknown role " + role)));
            }
            return new ApiKey(keyId, new TenantId(tenant), parsed, Optional.ofNullable(robot),
                    Instant.parse(createdAt), revoked);
        }
    }
}
