package io.aisle.serving.warehouse;

import static io.aisle.serving.web.QueryParams.longParam;

import io.aisle.robotics.dispatch.CancelReceipt;
import io.aisle.robotics.dispatch.FleetChange;
import io.aisle.robotics.dispatch.OrderReceipt;
import io.aisle.robotics.dispatch.RobotCommand;
import io.aisle.robotics.dispatch.Telemetry;
import io.aisle.robotics.dispatch.TelemetryResult;
import io.aisle.robotics.map.GridMap;
import io.aisle.robotics.task.Order;
import io.aisle.robotics.task.OrderLine;
import io.aisle.serving.security.SignedRequestFilter;
import io.aisle.serving.tenancy.Caller;
import io.aisle.serving.web.ApiProblem;
import io.aisle.serving.web.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warehouse dispatch endpoints. {@code {w}} is a warehouse of the caller's tenant registered through
 * {@link WarehouseAdminHandler}; any other, including another tenant's, answers 404. Every dispatcher call runs on
 * {@code boundedElastic}, because the dispatcher's lock is held for up to the plan budget during a tick. Errors are
 * problem+json: 400 invalid input (the detail names the field), 401 bad signature, 403 wrong role, 404 unknown
 * warehouse or robot (also a robot key on another robot's channel), 409 conflict, 413 body too large, 429 over quota,
 * 503 {@code warehouse-owned-elsewhere} with {@code Retry-After} while the warehouse moves between replicas or its
 * owner does not answer in time. Any replica answers every endpoint: one that does not run the warehouse's
 * dispatcher relays the call to the one that does ({@link WarehouseRelay}).
 *
 * <ul>
 *   <li>{@code POST /v1/warehouses/{w}/orders} (role {@code wms}):
 *       {@code {"orderId":"o-1","lines":[{"sku":"sku-3","quantity":1}]}}, 1 to {@value #MAX_LINES} lines.
 *       202 {@code {"orderId","taskIds":[…]}} with one pick task per line. Refused as a whole, nothing queued:
 *       400 when a SKU is on no pod or the order is malformed, 409 when the order id was already submitted.</li>
 *   <li>{@code GET /v1/warehouses/{w}/robots/{r}/commands?waitMillis=0} (role {@code robot}, own robot only):
 *       200 {@code {"robotId","sequence","action","targetCell","targetHeading","tick"}}, the robot's current
 *       command; the same command again until telemetry confirms its target pose. With {@code waitMillis}
 *       (0 to {@code aisle.warehouses.max-wait}, default 0) the call waits that long for a command; 204 when none
 *       came. With {@code Accept: text/event-stream}: Server-Sent Events {@code command} (SSE id = sequence), each
 *       command once, as soon as it may be executed, with {@code keep-alive} comments every 15 s.</li>
 *   <li>{@code POST /v1/warehouses/{w}/robots/{r}/telemetry} (role {@code robot}, own robot only):
 *       {@code {"cell":12,"heading":0}} (cell {@code row * width + col}; heading 0 east, 1 south, 2 west, 3 north).
 *       200 {@code {"robotId","cell","heading"}} when it is the robot's confirmed pose or the target of its
 *       delivered command (which it then confirms). 400 off the map, on an obstacle or a heading outside 0..3;
 *       404 a robot not in the warehouse; 409 a pose that is neither (a jump) or a faulted robot. A refused report
 *       changes nothing, for this robot or any other, with one exception: the first report of a robot after a
 *       restart from a cell another robot holds faults it (409), as it may share a cell.</li>
 *   <li>{@code GET /v1/warehouses/{w}/state} (role {@code wms}): the dispatcher's snapshot,
 *       {@code {"warehouse","width","height","tick","robots":[{"robotId","cell","heading","state","batteryPercent",
 *       "taskId","commandTarget"}],"queuedTasks","linesPicked","ordersCompleted","blockedCells","closedCells",
 *       "podRecoveries","stuckTasks":[{"taskId","orderId","robotId","reason"}],"lastPlanMillis"}}
 *       ({@code lastPlanMillis}: the planner's wall-clock time in the last tick).</li>
 *   <li>{@code GET /v1/warehouses/{w}/layout} (role {@code wms}): what stays fixed while it runs,
 *       {@code {"warehouse","width","height","obstacles","storageCells","pods":[{"id","homeCell"}],"stations",
 *       "chargers"}}, for drawing the map once.</li>
 *   <li>{@code PUT /v1/warehouses/{w}/blocked-cells/{cell}} and {@code DELETE} of the same (role {@code wms}, the
 *       system that runs the floor): closes a cell because an operator works there, or opens it again. From the
 *       next tick robots are routed around it; a robot standing on it may leave, none is sent in. 200
 *       {@code {"cell","blocked","changed"}} ({@code changed} false when it already was so). 400 for a cell that
 *       is not an integer in {@code [0, width * height)} or is an obstacle.</li>
 *   <li>{@code PUT /v1/warehouses/{w}/parking-cells/{cell}} and {@code DELETE} of the same (role {@code wms}): a cell
 *       idle robots drive to and wait on, or no longer. 200 {@code {"cell","parking","changed"}}; 400 as above.</li>
 *   <li>{@code PUT /v1/warehouses/{w}/fleet/{r}} (role {@code wms}): {@code {"cell":23}} adds robot {@code r}, idle
 *       there facing east. 201 {@code {"robotId","detail"}}; 400 a malformed id or a cell off the map or on an
 *       obstacle; 409 the id is taken or the cell held or closed. {@code DELETE} of the same takes it out, its task
 *       re-dispatched (200, 404 unknown). {@code POST …/fleet/{r}/return-to-service} returns a repaired faulted
 *       robot (200; 404 unknown; 409 not faulted).</li>
 *   <li>{@code POST /v1/warehouses/{w}/orders/{o}/cancel} (role {@code wms}): 200
 *       {@code {"orderId","releasedTaskIds","returningPodIds"}}; 404 an unknown order; 409 one already cancelled
 *       or completed.</li>
 * </ul>
 * Orders may carry {@code "priority"} (-{@value #MAX_PRIORITY} to {@value #MAX_PRIORITY}, default 0) and
 * {@code "deadline"} (ISO-8601 instant); telemetry may carry {@code "batteryPercent"} (0 to 100).
 */
public final class WarehouseHandler {

    /** The most lines one order may have. */
    public static final int MAX_LINES = 1_000;
    /** Order priorities accepted, higher first. */
    public static final int MAX_PRIORITY = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Ownership moves within a lease TTL; a second is a fair first retry. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final WarehouseRegistry registry;
    private final WarehouseOwnership ownership;
    private final WarehouseProperties properties;

    public WarehouseHandler(WarehouseRegistry registry, WarehouseOwnership ownership, WarehouseProperties properties) {
        this.registry = registry;
        this.ownership = ownership;
        this.properties = properties;
    }

    /** @param idempotentWrites applied to order submission, which a WMS may retry */
    public RouterFunction<ServerResponse> routes(HandlerFilterFunction<ServerResponse, ServerResponse> idempotentWrites) {
        return RouterFunctions.route()
                .POST("/v1/warehouses/{warehouse}/orders", this::submitOrder)
                .filter(idempotentWrites)
                .build()
                .and(otherRoutes());
    }

    private RouterFunction<ServerResponse> otherRoutes() {
        return RouterFunctions.route()
                .GET("/v1/warehouses/{warehouse}/robots/{robot}/commands", this::commands)
                .POST("/v1/warehouses/{warehouse}/robots/{robot}/telemetry", this::telemetry)
                .GET("/v1/warehouses/{warehouse}/state", this::state)
                .GET("/v1/warehouses/{warehouse}/layout", this::layout)
                .PUT("/v1/warehouses/{warehouse}/blocked-cells/{cell}", request -> blockCell(request, true))
                .DELETE("/v1/warehouses/{warehouse}/blocked-cells/{cell}", request -> blockCell(request, false))
                .PUT("/v1/warehouses/{warehouse}/parking-cells/{cell}", request -> parkingCell(request, true))
                .DELETE("/v1/warehouses/{warehouse}/parking-cells/{cell}", request -> parkingCell(request, false))
                .POST("/v1/warehouses/{warehouse}/orders/{order}/cancel", this::cancelOrder)
                .PUT("/v1/warehouses/{warehouse}/fleet/{robot}", this::addRobot)
                .DELETE("/v1/warehouses/{warehouse}/fleet/{robot}", this::removeRobot)
                .POST("/v1/warehouses/{warehouse}/fleet/{robot}/return-to-service", this::returnToService)
                .build();
    }

    private Mono<ServerResponse> parkingCell(ServerRequest request, boolean parking) {
        return setCellFlag(request, "parking", parking, (dispatch, cell) -> dispatch.setParkingCell(cell, parking));
    }

    /** Sets a flag of the cell in the path; 200 {@code {"cell", flag, "changed"}}. */
    private Mono<ServerResponse> setCellFlag(ServerRequest request, String flag, boolean value,
            BiFunction<WarehouseDispatch, Integer, Boolean> set) {
        RegisteredWarehouse warehouse = warehouse(request);
        int cell = cellParam(request, warehouse.spec().map());
        return call(warehouse, dispatch -> set.apply(dispatch, cell))
                .flatMap(changed -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("cell", cell, flag, value, "changed", changed)));
    }

    private Mono<ServerResponse> cancelOrder(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        String orderId = request.pathVariable("order");
        return call(warehouse, dispatch -> dispatch.cancelOrder(orderId)).flatMap(receipt -> {
            switch (receipt.outcome()) {
                case UNKNOWN_ORDER -> throw ApiProblem.notFound(receipt.reason());
                case ALREADY_CANCELLED, ALREADY_COMPLETED -> throw new ApiProblem(ProblemType.CONFLICT, receipt.reason());
                case CANCELLED -> { }
            }
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("orderId", orderId,
                    "releasedTaskIds", receipt.releasedTaskIds(), "returningPodIds", receipt.returningPodIds()));
        });
    }

    private Mono<ServerResponse> addRobot(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        String robot = robotIdParam(request);
        return body(request).map(body -> intField(object(body, "{\"cell\"}"), "cell", 0,
                        warehouse.spec().map().cellCount() - 1))
                .flatMap(cell -> call(warehouse, dispatch -> dispatch.addRobot(robot, cell)))
                .flatMap(change -> fleetChanged(change, 201));
    }

    private Mono<ServerResponse> removeRobot(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        String robot = robotIdParam(request);
        return call(warehouse, dispatch -> dispatch.removeRobot(robot)).flatMap(change -> fleetChanged(change, 200));
    }

    private Mono<ServerResponse> returnToService(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        String robot = robotIdParam(request);
        return call(warehouse, dispatch -> dispatch.returnToService(robot)).flatMap(change -> fleetChanged(change, 200));
    }

    private static Mono<ServerResponse> fleetChanged(FleetChange change, int status) {
        switch (change.outcome()) {
            case UNKNOWN_ROBOT -> throw ApiProblem.notFound(change.message());
            case INVALID_CELL -> throw ApiProblem.invalid(change.message());
            case DUPLICATE_ROBOT, CELL_TAKEN, NOT_FAULTED -> throw new ApiProblem(ProblemType.CONFLICT, change.message());
            case DONE -> { }
        }
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("robotId", change.robotId(), "detail", change.message()));
    }

    private static String robotIdParam(ServerRequest request) {
        String robot = request.pathVariable("robot");
        if (!WarehouseSpec.ROBOT_ID.matcher(robot).matches()) {
            throw ApiProblem.invalid("robot id must match " + WarehouseSpec.ROBOT_ID + " but was '" + robot + "'");
        }
        return robot;
    }

    private Mono<ServerResponse> submitOrder(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        return body(request).map(WarehouseHandler::parseOrder)
                .flatMap(order -> call(warehouse, dispatch -> dispatch.submitOrder(order)))
                .flatMap(receipt -> {
                    if (!receipt.accepted()) {
                        throw refusal(receipt);
                    }
                    return ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("orderId", receipt.orderId(), "taskIds", receipt.taskIds()));
                });
    }

    private static ApiProblem refusal(OrderReceipt receipt) {
        return switch (receipt.outcome()) {
            case DUPLICATE_ORDER -> new ApiProblem(ProblemType.CONFLICT, receipt.reason());
            case SKU_NOT_STOCKED -> ApiProblem.invalid(receipt.reason());
            case ACCEPTED -> throw new IllegalArgumentException("an accepted order is no refusal");
        };
    }

    private Mono<ServerResponse> commands(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        String robot = request.pathVariable("robot");
        long maxWaitMillis = properties.maxWait().toMillis();
        long waitMillis = longParam(request, "waitMillis", 0, 0, maxWaitMillis);
        // Robots join and leave while the warehouse runs: only its dispatcher knows whether this one is there.
        return call(warehouse, dispatch -> dispatch.hasRobot(robot)).flatMap(present -> {
            if (!present) {
                throw ApiProblem.notFound("no such robot in warehouse " + warehouse.key().warehouse() + ": " + robot);
            }
            return commands(request, warehouse, robot, waitMillis);
        });
    }

    private Mono<ServerResponse> commands(ServerRequest request, RegisteredWarehouse warehouse, String robot,
            long waitMillis) {
        // Only an explicit text/event-stream asks for a stream: a plain */* client gets the long poll.
        if (request.headers().accept().stream().anyMatch(type -> type.equalsTypeAndSubtype(MediaType.TEXT_EVENT_STREAM))) {
            return commandStream(warehouse, robot);
        }
        Mono<RobotCommand> poll = poll(warehouse, robot);
        Mono<RobotCommand> command = waitMillis == 0 ? poll
                : polls(warehouse, robot).next().timeout(Duration.ofMillis(waitMillis), Mono.empty());
        return command.flatMap(found -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(found))
                .switchIfEmpty(Mono.defer(() -> ServerResponse.noContent().build()));
    }

    private Mono<ServerResponse> commandStream(RegisteredWarehouse warehouse, String robot) {
        Flux<ServerSentEvent<Object>> commands = polls(warehouse, robot)
                .distinctUntilChanged(RobotCommand::sequence)
                .map(command -> ServerSentEvent.<Object>builder(command).event("command")
                        .id(Long.toString(command.sequence())).build());
        Flux<ServerSentEvent<Object>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
        Mono<ServerSentEvent<Object>> open = Mono.just(ServerSentEvent.<Object>builder().comment("open").build());
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .body(Flux.merge(open, commands, keepAlive), ServerSentEvent.class);
    }

    /**
     * The robot's command whenever it has one: asked at once, when a tick plans the robot a command, and every poll
     * interval (a held command is released by another robot's telemetry, which wakes nobody). Asks one at a time and
     * coalesces the reasons to ask that arrive meanwhile. On a replica that does not own the warehouse there are no
     * wake-ups: every poll interval asks the owner through the relay.
     */
    private Flux<RobotCommand> polls(RegisteredWarehouse warehouse, String robot) {
        Flux<Long> wakeups = ownership.findOwned(warehouse.key()).map(owned -> owned.wakeups().wakeups(robot))
                .orElse(Flux.empty());
        return Flux.merge(wakeups, Flux.interval(Duration.ZERO, properties.pollInterval()))
                .onBackpressureLatest()
                .concatMap(reason -> poll(warehouse, robot), 1);
    }

    private Mono<RobotCommand> poll(RegisteredWarehouse warehouse, String robot) {
        return call(warehouse, dispatch -> dispatch.nextCommand(robot)).flatMap(Mono::justOrEmpty);
    }

    /**
     * Runs a dispatcher call on {@code boundedElastic}, here or on the owner through the relay, asking for the
     * dispatch anew each time (ownership moves). 503 with Retry-After when no owner can answer now.
     */
    private <T> Mono<T> call(RegisteredWarehouse warehouse, Function<WarehouseDispatch, T> call) {
        return Mono.fromCallable(() -> call.apply(ownership.dispatch(warehouse.key())))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(WarehouseOwnedElsewhereException.class,
                        e -> new ApiProblem(ProblemType.WAREHOUSE_OWNED_ELSEWHERE, e.getMessage(), Optional.of(RETRY_AFTER)))
                .onErrorMap(WarehouseLeases.WarehouseLeaseUnavailableException.class,
                        e -> new ApiProblem(ProblemType.UNAVAILABLE, e.getMessage(), Optional.of(RETRY_AFTER)));
    }

    private Mono<ServerResponse> telemetry(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        String robot = request.pathVariable("robot");
        return body(request).map(body -> parseTelemetry(body, robot, warehouse))
                .flatMap(report -> call(warehouse, dispatch -> dispatch.acceptTelemetry(report)).map(result -> {
                    if (!result.accepted()) {
                        throw refusal(result);
                    }
                    return report;
                }))
                .flatMap(report -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("robotId", report.robotId(), "cell", report.cell(), "heading", report.heading())));
    }

    private static ApiProblem refusal(TelemetryResult result) {
        return switch (result.outcome()) {
            case UNKNOWN_ROBOT -> ApiProblem.notFound(result.message());
            case INVALID_POSE, INVALID_BATTERY -> ApiProblem.invalid(result.message());
            case UNEXPECTED_POSE, ROBOT_FAULTED -> new ApiProblem(ProblemType.CONFLICT, result.message());
            case ACCEPTED -> throw new IllegalArgumentException("an accepted report is no refusal");
        };
    }

    private Mono<ServerResponse> state(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        return call(warehouse, WarehouseDispatch::snapshot)
                .flatMap(snapshot -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(WarehouseState.of(warehouse, snapshot)));
    }

    /** The registration's own map: every replica answers it, owner or not. */
    private Mono<ServerResponse> layout(ServerRequest request) {
        RegisteredWarehouse warehouse = warehouse(request);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(WarehouseLayoutView.of(warehouse));
    }

    private Mono<ServerResponse> blockCell(ServerRequest request, boolean blocked) {
        return setCellFlag(request, "blocked", blocked, (dispatch, cell) -> dispatch.setCellBlocked(cell, blocked));
    }

    private static int cellParam(ServerRequest request, GridMap map) {
        String text = request.pathVariable("cell");
        int cell;
        try {
            cell = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            cell = -1;
        }
        if (cell < 0 || cell >= map.cellCount()) {
            throw ApiProblem.invalid("cell must be an integer in [0, " + map.cellCount() + ") (row * width + col) but was '"
                    + text + "'");
        }
        if (!map.isPassable(cell)) {
            throw ApiProblem.invalid("cell " + map.describe(cell) + " is an obstacle");
        }
        return cell;
    }

    /** The caller's warehouse named in the path; 404 for an unknown one or another tenant's. */
    private RegisteredWarehouse warehouse(ServerRequest request) {
        Caller caller = SignedRequestFilter.caller(request.exchange());
        String warehouse = request.pathVariable("warehouse");
        if (!WarehouseKey.WAREHOUSE_ID.matcher(warehouse).matches()) {
            throw ApiProblem.notFound("no such warehouse: " + warehouse);
        }
        return registry.find(new WarehouseKey(caller.tenant(), warehouse))
                .orElseThrow(() -> ApiProblem.notFound("no such warehouse: " + warehouse));
    }

    private static Mono<byte[]> body(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]);
    }

    private static JsonNode object(byte[] body, String shape) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ApiProblem(ProblemType.MALFORMED_BODY, "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiProblem(ProblemType.MALFORMED_BODY, "body must be a JSON object " + shape);
        }
        return root;
    }

    static Order parseOrder(byte[] body) {
        JsonNode root = object(body, "{\"orderId\",\"lines\":[{\"sku\",\"quantity\"}]}");
        JsonNode orderId = root.get("orderId");
        if (orderId == null || !orderId.isString() || orderId.asString().isBlank() || orderId.asString().length() > 128) {
            throw ApiProblem.invalid("field 'orderId' must be a non-blank string of at most 128 characters");
        }
        JsonNode lines = root.get("lines");
        if (lines == null || !lines.isArray() || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw ApiProblem.invalid("field 'lines' must be an array of 1 to " + MAX_LINES + " {\"sku\",\"quantity\"}");
        }
        List<OrderLine> parsed = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            JsonNode line = lines.get(k);
            JsonNode sku = line.get("sku");
            if (sku == null || !sku.isString() || sku.asString().isBlank()) {
                throw ApiProblem.invalid("field 'lines[" + k + "].sku' must be a non-blank string");
            }
            JsonNode quantity = line.get("quantity");
            int units = 1;
            if (quantity != null) {
                if (!quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.intValue() < 1) {
                    throw ApiProblem.invalid("field 'lines[" + k + "].quantity' must be an integer >= 1 but was " + quantity);
                }
                units = quantity.intValue();
            }
            parsed.add(new OrderLine(sku.asString(), units));
        }
        int priority = root.has("priority") ? intField(root, "priority", -MAX_PRIORITY, MAX_PRIORITY) : 0;
        return new Order(orderId.asString(), parsed, priority, deadline(root.get("deadline")));
    }

    /** An ISO-8601 instant ({@code 2026-03-01T12:00:00Z}), or no deadline when the field is absent. */
    private static long deadline(JsonNode node) {
        if (node == null) {
            return Order.NO_DEADLINE;
        }
        try {
            long millis = node.isString() ? Instant.parse(node.asString()).toEpochMilli() : -1;
            if (millis > 0) {
                return millis;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below with the expected form
        }
        throw ApiProblem.invalid("field 'deadline' must be an ISO-8601 instant after 1970, e.g. 2026-03-01T12:00:00Z,"
                + " but was " + node);
    }

    private static Telemetry parseTelemetry(byte[] body, String robot, RegisteredWarehouse warehouse) {
        JsonNode root = object(body, "{\"cell\",\"heading\"}");
        int cellCount = warehouse.spec().map().cellCount();
        int cell = intField(root, "cell", 0, cellCount - 1);
        int heading = intField(root, "heading", 0, 3);
        JsonNode battery = root.get("batteryPercent");
        if (battery == null) {
            return new Telemetry(robot, cell, heading);
        }
        if (!battery.isNumber() || !(battery.doubleValue() >= 0 && battery.doubleValue() <= 100)) {
            throw ApiProblem.invalid("field 'batteryPercent' must be a number in [0, 100] but was " + battery);
        }
        return new Telemetry(robot, cell, heading, battery.doubleValue());
    }

    private static int intField(JsonNode root, String name, int min, int max) {
        JsonNode node = root.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min
                || node.intValue() > max) {
            throw ApiProblem.invalid("field '" + name + "' must be an integer in [" + min + ", " + max + "] but was " + node);
        }
        return node.intValue();
    }
}
