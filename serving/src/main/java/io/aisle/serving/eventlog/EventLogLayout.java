package io.aisle.serving.eventlog;

import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.serving.events.InteractionEvent;
import io.aisle.serving.tenancy.TenantId;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where the log lives: {@code {registry}/{tenant}/events/dt=YYYY-MM-DD/part-*.jsonl}, one folder per UTC day
 * of the events' own timestamps (Hive-style, so Spark reads {@code dt} as a column and prunes by it).
 */
public final class EventLogLayout {

    private final Path registryRoot;

    public EventLogLayout(Path registryRoot) {
        this.registryRoot = registryRoot;
    }

    public Path registryRoot() {
        return registryRoot;
    }

    public Path tenantLog(TenantId tenant) {
        return registryRoot.resolve(tenant.value()).resolve(ModelRegistry.EVENTS_FOLDER);
    }

    public Path dayFolder(TenantId tenant, LocalDate day) {
        return tenantLog(tenant).resolve("dt=" + day);
    }

    public Path dayFolder(InteractionEvent event) {
        return dayFolder(event.tenant(), dayOf(event));
    }

    public static LocalDate dayOf(InteractionEvent event) {
        return LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
    }
}
