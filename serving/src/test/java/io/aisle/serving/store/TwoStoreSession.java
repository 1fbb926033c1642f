package io.aisle.serving.store;

import static io.aisle.serving.store.StoreStreams.interleave;

import io.aisle.serving.store.kafka.KafkaStoreIngest;
import io.aisle.serving.tenancy.TenantId;
import io.aisle.vision.frame.FrameLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Store s1 of tenant acme (shoppers a and b each take one unit) and store s1 of tenant globex
 * (c takes one, d only touches), registered under one folder, their interleaved inputs split
 * where a worker dies in the tests: after shopper a's receipt, before b's.
 */
record TwoStoreSession(StoreRegistry registry, List<StoreStreams.Input> before, List<StoreStreams.Input> after) {

    static final long T0 = 1_767_225_600_000L;
    static final StoreKey ACME = new StoreKey(new TenantId("acme"), "s1");
    static final StoreKey GLOBEX = new StoreKey(new TenantId("globex"), "s1");
    /** Takes the scripted event times, however long ago they are. */
    static final StoreInputParser PARSER = new StoreInputParser(FrameLimits.DEFAULT, Duration.ofDays(3650));
    private static final int CRASH_AFTER_BATCH = 100;

    static TwoStoreSession register(Path storesFolder) {
        StoreRegistry registry = new StoreRegistry(storesFolder);
        registry.registerLayout(ACME, StoreScript.layoutJson("s1"));
        registry.registerLayout(GLOBEX, StoreScript.layoutJson("s1"));
        List<StoreScript.Batch> acme = new StoreScript(T0, 11).picks("a", 0, 1, 4_000, 9_000)
                .picks("b", 500, 2, 5_000, 10_000).render(12_000, 100);
        List<StoreScript.Batch> globex = new StoreScript(T0, 12).picks("c", 0, 2, 3_000, 8_000)
                .touches("d", 1_000, 1, 6_000, 11_000).render(12_000, 100);
        return new TwoStoreSession(registry,
                interleave(ACME, acme.subList(0, CRASH_AFTER_BATCH), GLOBEX, globex.subList(0, CRASH_AFTER_BATCH)),
                interleave(ACME, acme.subList(CRASH_AFTER_BATCH, acme.size()), GLOBEX,
                        globex.subList(CRASH_AFTER_BATCH, globex.size())));
    }

    /** Publishes inputs of these stores to the store topic, each once the broker has it. */
    void publish(KafkaStoreIngest ingest, List<StoreStreams.Input> inputs) {
        StoreStreams.publish(ingest, registry, PARSER, inputs);
    }

    long total() {
        return before.size() + after.size();
    }
}
