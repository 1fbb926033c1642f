package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.CancelReceipt;
import io.aisle.robotics.dispatch.FleetChange;
import io.aisle.robotics.dispatch.OrderReceipt;
import io.aisle.robotics.dispatch.RobotCommand;
import io.aisle.robotics.dispatch.Telemetry;
import io.aisle.robotics.dispatch.TelemetryResult;
import io.aisle.robotics.dispatch.WarehouseSnapshot;
import io.aisle.robotics.task.Order;
import java.util.Optional;

/**
 * What the endpoints ask of a warehouse's dispatcher, wherever it runs: in this process when this replica holds
 * the warehouse's lease ({@link RunningWarehouse}), or on the replica that does, through a {@link WarehouseRelay}.
 * Every method blocks (for up to a tick's plan budget, or a relay round trip): call it off the event loop.
 * Each may throw {@link WarehouseOwnedElsewhereException} when no owner can answer it now, and
 * {@link WarehouseLeases.WarehouseLeaseUnavailableException} when the shared state cannot be reached.
 */
public interface WarehouseDispatch {

    OrderReceipt submitOrder(Order order);

    TelemetryResult acceptTelemetry(Telemetry report);

    Optional<RobotCommand> nextCommand(String robotId);

    WarehouseSnapshot snapshot();

    boolean setCellBlocked(int cell, boolean blocked);

    boolean setParkingCell(int cell, boolean parking);

    boolean hasRobot(String robotId);

    FleetChange addRobot(String robotId, int cell);

    FleetChange removeRobot(String robotId);

    FleetChange returnToService(String robotId);

    CancelReceipt cancelOrder(String orderId);
}
