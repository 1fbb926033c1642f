package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.Dispatcher;
import io.aisle.robotics.dispatch.DispatcherSettings;
import io.aisle.robotics.dispatch.CancelReceipt;
import io.aisle.robotics.dispatch.FleetChange;
import io.aisle.robotics.dispatch.OrderReceipt;
import io.aisle.robotics.dispatch.RobotCommand;
import io.aisle.robotics.dispatch.Telemetry;
import io.aisle.robotics.dispatch.TelemetryResult;
import io.aisle.robotics.dispatch.WarehouseSnapshot;
import io.aisle.robotics.task.Order;
import java.time.Clock;
import java.util.Optional;

/**
 * A warehouse whose lease this replica holds, with its live dispatcher. Every call checks that the lease is still
 * valid by this process's monotonic clock ({@link #leaseValid}); the lease keeper extends it on each renewal. The
 * local validity ends well before the lease lapses in the shared store, so by the time another replica can take
 * the warehouse this one has stopped ticking and answering.
 *
 * <p>The dispatcher is thread-safe but blocking (its lock is held for up to the plan budget during a tick): call
 * it off the event loop. Only the {@link WarehouseTicker} ticks it. Checkpoints are taken and written under one
 * lock, so a later snapshot is never overwritten by an earlier one.
 */
public final class RunningWarehouse implements WarehouseDispatch {

    private final RegisteredWarehouse registration;
    private final Dispatcher dispatcher;
    private final CommandWakeups wakeups;
    private final long fence;
    private final WarehouseCheckpoints checkpoints;
    private final boolean checkpointEveryInput;
    private final Object checkpointLock = new Object();
    private volatile long leaseValidUntilNanos;

    private RunningWarehouse(RegisteredWarehouse registration, Dispatcher dispatcher, long fence,
            WarehouseCheckpoints checkpoints, boolean checkpointEveryInput, long leaseValidUntilNanos) {
        this.registration = registration;
        this.dispatcher = dispatcher;
        this.fence = fence;
        this.checkpoints = checkpoints;
        this.checkpointEveryInput = checkpointEveryInput;
        this.leaseValidUntilNanos = leaseValidUntilNanos;
        this.wakeups = new CommandWakeups();
        dispatcher.addCommandListener(wakeups::onCommand);
    }

    /**
     * Starts a dispatcher for a registration, its robots idle at their start cells.
     *
     * @param fence                the fencing token of this replica's lease
     * @param checkpointEveryInput whether an accepted order or a changed cell is checkpointed before it is answered
     * @param leaseValidUntilNanos {@link System#nanoTime} at which the lease stops being valid unless extended
     * @throws IllegalArgumentException when the robots do not fit the layout
     */
    static RunningWarehouse start(RegisteredWarehouse registration, WarehouseProperties properties, Clock clock,
            long fence, WarehouseCheckpoints checkpoints, boolean checkpointEveryInput, long leaseValidUntilNanos) {
        return new RunningWarehouse(registration, dispatcher(registration, properties, clock), fence, checkpoints,
                checkpointEveryInput, leaseValidUntilNanos);
    }

    /** @throws IllegalArgumentException when the robots do not fit the layout */
    static Dispatcher dispatcher(RegisteredWarehouse registration, WarehouseProperties properties, Clock clock) {
        WarehouseSpec spec = registration.spec();
        DispatcherSettings defaults = DispatcherSettings.defaults(spec.actionModel());
        DispatcherSettings settings = new DispatcherSettings(spec.actionModel(), properties.telemetryTimeout().toMillis(),
                properties.planBudget().toMillis(), defaults.drainPerMove(), defaults.drainPerTick(),
                defaults.chargePerTick(), defaults.lowBatteryPercent(), spec.seed(), 0);
        int[] starts = spec.robots().stream().mapToInt(WarehouseSpec.RobotStart::cell).toArray();
        var ids = spec.robots().stream().map(WarehouseSpec.RobotStart::id).toList();
        return new Dispatcher(registration.layout(), ids, starts, settings, clock);
    }

    public WarehouseKey key() {
        return registration.key();
    }

    public RegisteredWarehouse registration() {
        return registration;
    }

    /** The fencing token of the lease this replica runs the warehouse under. */
    public long fence() {
        return fence;
    }

    /** Wakes a robot's waiting command polls when a tick plans it a command. */
    public CommandWakeups wakeups() {
        return wakeups;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** Whether this replica may still tick and answer for the warehouse. */
    public boolean leaseValid() {
        return System.nanoTime() - leaseValidUntilNanos < 0;
    }

    void extendLease(long validUntilNanos) {
        leaseValidUntilNanos = validUntilNanos;
    }

    /**
     * One dispatcher tick; only the ticker thread calls it, and only while {@link #leaseValid}. A tick that faulted
     * a robot is checkpointed at once: a new owner restoring an older checkpoint would count that robot in service
     * at its old cell and plan others into the cell where it really stopped.
     */
    void tick() {
        long faultsBefore = dispatcher.faultsRecorded();
        dispatcher.tick();
        if (dispatcher.faultsRecorded() != faultsBefore) {
            checkpointInput();
        }
    }

    /**
     * Writes the dispatcher's checkpoint under this replica's fencing token.
     *
     * @throws WarehouseCheckpoints.FencedOutException when another replica has taken the warehouse
     */
    void checkpoint() {
        synchronized (checkpointLock) {
            checkpoints.save(key(), fence, dispatcher.checkpoint());
        }
    }

    @Override
    public OrderReceipt submitOrder(Order order) {
        requireLease();
        OrderReceipt receipt = dispatcher.submitOrder(order);
        if (receipt.accepted()) {
            checkpointInput();
        }
        return receipt;
    }

    @Override
    public TelemetryResult acceptTelemetry(Telemetry report) {
        requireLease();
        return dispatcher.acceptTelemetry(report);
    }

    @Override
    public Optional<RobotCommand> nextCommand(String robotId) {
        requireLease();
        return dispatcher.nextCommand(robotId);
    }

    @Override
    public WarehouseSnapshot snapshot() {
        requireLease();
        return dispatcher.snapshot();
    }

    @Override
    public boolean setCellBlocked(int cell, boolean blocked) {
        requireLease();
        boolean changed = dispatcher.setCellBlocked(cell, blocked);
        if (changed) {
            checkpointInput();
        }
        return changed;
    }

    @Override
    public boolean setParkingCell(int cell, boolean parking) {
        requireLease();
        boolean changed = dispatcher.setParkingCell(cell, parking);
        if (changed) {
            checkpointInput();
        }
        return changed;
    }

    @Override
    public boolean hasRobot(String robotId) {
        requireLease();
        return dispatcher.hasRobot(robotId);
    }

    @Override
    public FleetChange addRobot(String robotId, int cell) {
        requireLease();
        return checkpointedIfDone(dispatcher.addRobot(robotId, cell));
    }

    @Override
    public FleetChange removeRobot(String robotId) {
        requireLease();
        return checkpointedIfDone(dispatcher.removeRobot(robotId));
    }

    @Override
    public FleetChange returnToService(String robotId) {
        requireLease();
        return checkpointedIfDone(dispatcher.returnToService(robotId));
    }

    @Override
    public CancelReceipt cancelOrder(String orderId) {
        requireLease();
        CancelReceipt receipt = dispatcher.cancelOrder(orderId);
        if (receipt.cancelled()) {
            checkpointInput();
        }
        return receipt;
    }

    private FleetChange checkpointedIfDone(FleetChange change) {
        if (change.done()) {
            checkpointInput();
        }
        return change;
    }

    private void requireLease() {
        if (!leaseValid()) {
            throw new WarehouseOwnedElsewhereException("the lease of warehouse " + key().warehouse()
                    + " on this replica has lapsed; it is moving to another replica");
        }
    }

    /**
     * An order, its cancellation, a closed or parking cell, a fleet change and a robot's fault are the inputs their
     * sender does not repeat (robots report their pose again to a new owner), so with replicas each is checkpointed before it is
     * answered: a takeover then loses none.
     */
    private void checkpointInput() {
        if (!checkpointEveryInput) {
            return;
        }
        try {
            checkpoint();
        } catch (WarehouseCheckpoints.FencedOutException e) {
            throw new WarehouseOwnedElsewhereException(e.getMessage());
        }
    }
}
