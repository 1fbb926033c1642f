package io.aisle.simulations.scaleout;

import io.aisle.simulations.live.LiveWarehouse;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Storefront load, a live warehouse and a store streaming from cameras, all at once on one bed, under one kill
 * schedule: at 2/9 of the shortest workload (or once the warehouse has an owner, if later) the warehouse's owner is
 * killed with SIGKILL, at 4/9 the store's owner
 * (another live replica when that one is already dead or unknown), from 2/3 both are restarted one after the other.
 * Each workload is measured as its own kill run measures it.
 */
public final class TogetherKillRun {

    private static final Duration OWNER_POLL = Duration.ofMillis(500);

    /** What each workload saw. */
    public record Result(StorefrontKillRun.Result storefront, WarehouseKillRun.Result warehouse, StoreKillRun.Result store) {
    }

    private TogetherKillRun() {
    }

    /**
     * The replica to kill: {@code owner} when it is alive, else the lowest alive one; none when that would leave no
     * replica alive.
     */
    static Optional<Integer> victim(Optional<Integer> owner, SortedSet<Integer> alive) {
        if (alive.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(owner.filter(alive::contains).orElse(alive.first()));
    }

    /**
     * Runs the store in process first (its reference receipts), then the three workloads together with the schedule
     * applied, and waits for all three to end.
     */
    public static Result run(ScaleOutBed bed, int connections, Duration storefrontLoad, long seed, LiveWarehouse.Settings warehouse,
                             StoreKillRun.Reference store, PrintStream progress) throws IOException, InterruptedException {
        Duration span = shortest(List.of(storefrontLoad, warehouse.duration(), store.length()));
        Duration restartAt = span.multipliedBy(2).dividedBy(3);
        Killer killer = new Killer(bed, progress);
        StorefrontKillRun.Load load = StorefrontKillRun.start(bed, connections, storefrontLoad, seed);
        WarehouseKillRun.Live floor = WarehouseKillRun.start(bed, warehouse, progress);
        StoreKillRun.Live shop = StoreKillRun.start(bed, store, progress);
        List<Instant> warehouseOwnerKills = new ArrayList<>();
        List<Instant> storeOwnerKills = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            killer.sleepUntil(span.multipliedBy(2L * k).dividedBy(9));
            Optional<Integer> warehouseOwner = floor.owner(killer);
            // A large fleet may still be registering its robots (one key each) when the first kill is due: a kill then
            // would cut a key's POST, which nothing repeats, and kill no owner. Wait for the dispatcher to run.
            while (k == 1 && warehouseOwner.isEmpty() && killer.elapsed().compareTo(restartAt) < 0) {
                Thread.sleep(OWNER_POLL.toMillis());
                warehouseOwner = floor.owner(killer);
            }
            Optional<Integer> storeOwner = shop.owner(killer);
            Optional<Integer> victim = victim(k == 1 ? warehouseOwner : storeOwner, alive(bed));
            if (victim.isEmpty()) {
                killer.log("only one replica alive: nothing killed");
                continue;
            }
            int replica = victim.get();
            Instant killed = killer.kill(replica);
            down.add(replica);
            List<String> owned = new ArrayList<>();
            if (warehouseOwner.equals(victim)) {
                warehouseOwnerKills.add(killed);
                owned.add("the warehouse");
            }
            if (storeOwner.equals(victim)) {
                storeOwnerKills.add(killed);
                owned.add("the store");
            }
            killer.log("kill -9 replica " + replica + (owned.isEmpty() ? " (owner of neither)" : " (owner of " + String.join(" and ", owned) + ")"));
        }
        StoreKillRun.restartOneByOne(killer, down, restartAt);
        return new Result(StorefrontKillRun.finish(load, killer), WarehouseKillRun.finish(floor, killer, warehouseOwnerKills),
                StoreKillRun.finish(shop, killer, storeOwnerKills));
    }

    private static SortedSet<Integer> alive(ScaleOutBed bed) {
        SortedSet<Integer> alive = new TreeSet<>();
        for (int r = 0; r < bed.replicaCount(); r++) {
            if (bed.isRunning(r)) {
                alive.add(r);
            }
        }
        return alive;
    }

    private static Duration shortest(List<Duration> durations) {
        return durations.stream().min(Duration::compareTo).orElseThrow();
    }
}
