package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.DispatcherCheckpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which registered warehouses this replica runs. A thread ({@code warehouse-leases}) rescans the registrations and,
 * every {@code renewEvery}, renews the lease of each warehouse it runs and tries to take the lease of each one
 * nobody holds. On taking one it starts the dispatcher from the warehouse's last checkpoint and serves the calls
 * other replicas relay to it; when a renewal finds the lease gone it drops the dispatcher at once.
 *
 * <p>Why no two replicas ever tick one warehouse: a lease taken or renewed with a request sent at local time
 * {@code t} lapses in the shared store no earlier than {@code t + ttl}, while this replica treats it as valid only
 * until {@code t + validity}, with {@code validity = ttl - renewEvery}. Another replica can take it only after the
 * lapse, by which time this one has stopped ticking (a tick under way ends within its plan budget, far below
 * {@code renewEvery}) and refuses calls. Should a paused process still write a checkpoint late, its fencing token is
 * older than the new owner's and the write is refused.
 *
 * <p>Ownership changes happen on the lease thread, or in {@link #register}, under this object's lock.
 */
public final class WarehouseOwnership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarehouseOwnership.class);

    private final WarehouseRegistry registry;
    private final WarehouseLeases leases;
    private final WarehouseCheckpoints checkpoints;
    private final Optional<WarehouseRelay> relay;
    private final WarehouseProperties properties;
    private final Clock clock;
    private final long validityNanos;
    private final ConcurrentMap<WarehouseKey, RunningWarehouse> owned = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread keeper = new Thread(runnable, "warehouse-leases");
        keeper.setDaemon(true);
        return keeper;
    });

    /**
     * Takes the leases it can at once, then keeps them every {@code renewEvery}.
     *
     * @param relay          how non-owners reach the owner; empty in embedded mode, where this process owns all
     * @param leaseValidity  how long after a renewal request was sent this replica still acts as the owner
     */
    public WarehouseOwnership(WarehouseRegistry registry, WarehouseLeases leases, WarehouseCheckpoints checkpoints,
            Optional<WarehouseRelay> relay, WarehouseProperties properties, Duration leaseValidity, Clock clock) {
        this.registry = registry;
        this.leases = leases;
        this.checkpoints = checkpoints;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
        this.validityNanos = leaseValidity.toNanos();
        keepLeases();
        long period = properties.leaseRenewEvery().toMillis();
        thread.scheduleWithFixedDelay(this::keepLeasesLogged, period, period, TimeUnit.MILLISECONDS);
    }

    /** The warehouses this replica runs, for the ticker (each may have lapsed since: check its lease). */
    public Collection<RunningWarehouse> owned() {
        return owned.values();
    }

    /** The warehouse's dispatcher when this replica runs it and its lease is valid. */
    public Optional<RunningWarehouse> findOwned(WarehouseKey key) {
        return Optional.ofNullable(owned.get(key)).filter(RunningWarehouse::leaseValid);
    }

    /**
     * Where the endpoints send a registered warehouse's calls: its dispatcher here, or the relay to its owner.
     *
     * @throws WarehouseOwnedElsewhereException in embedded mode when the warehouse could not be started here
     */
    public WarehouseDispatch dispatch(WarehouseKey key) {
        Optional<RunningWarehouse> here = findOwned(key);
        if (here.isPresent()) {
            return here.get();
        }
        return relay.map(r -> r.remote(key)).orElseThrow(() -> new WarehouseOwnedElsewhereException(
                "warehouse " + key.warehouse() + " is not running; see the server log"));
    }

    /**
     * Registers a warehouse ({@link WarehouseRegistry#register}) and, when new, takes its lease at once if free.
     */
    public WarehouseRegistry.Outcome register(WarehouseKey key, byte[] json) {
        WarehouseRegistry.Outcome outcome = registry.register(key, json);
        if (outcome == WarehouseRegistry.Outcome.CREATED) {
            synchronized (this) {
                registry.find(key).filter(r -> !owned.containsKey(key)).ifPresent(this::tryAcquire);
            }
        }
        return outcome;
    }

    /**
     * Writes the checkpoint of every warehouse this replica still runs; one that was taken by another replica is
     * dropped, one that cannot be written is logged, and neither stops the others. Blocks on the store.
     */
    public void checkpointAll() {
        for (RunningWarehouse warehouse : owned.values()) {
            if (!warehouse.leaseValid()) {
                continue;
            }
            try {
                warehouse.checkpoint();
            } catch (WarehouseCheckpoints.FencedOutException e) {
                drop(warehouse, e.getMessage());
            } catch (RuntimeException e) {
                log.error("cannot checkpoint warehouse {}", warehouse.key(), e);
            }
        }
    }

    private void keepLeasesLogged() {
        try {
            keepLeases();
        } catch (RuntimeException e) {
            log.error("keeping the warehouse leases failed; retrying in {}", properties.leaseRenewEvery(), e);
        }
    }

    private synchronized void keepLeases() {
        try {
            registry.rescan();
        } catch (RuntimeException e) {
            log.warn("cannot rescan the warehouse registrations: {}", e.toString());
        }
        for (RegisteredWarehouse registration : registry.all()) {
            RunningWarehouse running = owned.get(registration.key());
            if (running != null) {
                renew(running);
            } else {
                tryAcquire(registration);
            }
        }
    }

    private void renew(RunningWarehouse warehouse) {
        long sentNanos = System.nanoTime();
        try {
            if (leases.renew(warehouse.key(), warehouse.fence())) {
                warehouse.extendLease(sentNanos + validityNanos);
            } else {
                drop(warehouse, "its lease has lapsed");
            }
        } catch (WarehouseLeases.WarehouseLeaseUnavailableException e) {
            // Not extended: the lease lapses here by itself unless a later renewal gets through in time.
            log.warn("cannot renew the lease of warehouse {}: {}", warehouse.key(), e.getMessage());
        }
    }

    private void tryAcquire(RegisteredWarehouse registration) {
        WarehouseKey key = registration.key();
        long sentNanos = System.nanoTime();
        OptionalLong fence;
        try {
            fence = leases.acquire(key);
        } catch (WarehouseLeases.WarehouseLeaseUnavailableException e) {
            log.debug("cannot try the lease of warehouse {}: {}", key, e.getMessage());
            return;
        }
        if (fence.isEmpty()) {
            return;
        }
        try {
            RunningWarehouse started = resume(registration, fence.getAsLong(), sentNanos + validityNanos);
            owned.put(key, started);
            relay.ifPresent(r -> r.serve(key, started));
            log.info("warehouse {} runs on this replica now, fencing token {}", key, fence.getAsLong());
        } catch (RuntimeException e) {
            log.error("cannot start warehouse {}; giving its lease up", key, e);
            owned.remove(key);
            releaseQuietly(key, fence.getAsLong());
        }
    }

    /** The warehouse from its last checkpoint, or started empty when the checkpoint is refused. */
    private RunningWarehouse resume(RegisteredWarehouse registration, long fence, long validUntilNanos) {
        WarehouseKey key = registration.key();
        boolean checkpointEveryInput = relay.isPresent();
        RunningWarehouse started = RunningWarehouse.start(registration, properties, clock, fence, checkpoints,
                checkpointEveryInput, validUntilNanos);
        Optional<DispatcherCheckpoint> checkpoint;
        try {
            checkpoint = checkpoints.find(key);
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            checkpoints.setAside(key);
            return started;
        }
        if (checkpoint.isEmpty()) {
            return started;
        }
        try {
            started.dispatcher().restore(checkpoint.get());
            log.info("warehouse {} resumed from its checkpoint at tick {}", key, checkpoint.get().tick());
            return started;
        } catch (RuntimeException e) {
            log.error("the checkpoint of warehouse {} does not fit the registration: {}", key, e.getMessage());
            checkpoints.setAside(key);
            return RunningWarehouse.start(registration, properties, clock, fence, checkpoints, checkpointEveryInput,
                    validUntilNanos);
        }
    }

    private void drop(RunningWarehouse warehouse, String reason) {
        if (owned.remove(warehouse.key(), warehouse)) {
            relay.ifPresent(r -> r.stopServing(warehouse.key()));
            log.warn("warehouse {} stops running on this replica: {}", warehouse.key(), reason);
        }
    }

    private void releaseQuietly(WarehouseKey key, long fence) {
        try {
            leases.release(key, fence);
        } catch (RuntimeException e) {
            log.warn("cannot release the lease of warehouse {}: {}", key, e.toString());
        }
    }

    /**
     * Stops keeping leases and gives up those held, so another replica takes over at once. The ticker has written
     * the last checkpoints before (it closes first).
     */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (RunningWarehouse warehouse : owned.values()) {
                relay.ifPresent(r -> r.stopServing(warehouse.key()));
                releaseQuietly(warehouse.key(), warehouse.fence());
            }
            owned.clear();
        }
    }
}
