package io.aisle.serving.redis;

import io.aisle.robotics.dispatch.CancelReceipt;
import io.aisle.robotics.dispatch.FleetChange;
import io.aisle.robotics.dispatch.OrderReceipt;
import io.aisle.robotics.dispatch.RobotCommand;
import io.aisle.robotics.dispatch.Telemetry;
import io.aisle.robotics.dispatch.TelemetryResult;
import io.aisle.robotics.dispatch.WarehouseSnapshot;
import io.aisle.robotics.task.Order;
import io.aisle.serving.warehouse.WarehouseDispatch;
import io.aisle.serving.warehouse.WarehouseKey;
import io.aisle.serving.warehouse.WarehouseLeases.WarehouseLeaseUnavailableException;
import io.aisle.serving.warehouse.WarehouseOwnedElsewhereException;
import io.aisle.serving.warehouse.WarehouseRelay;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dispatcher calls relayed between replicas over Redis pub/sub. The owner of a warehouse subscribes to
 * {@code t:{tenant}:wh:{{warehouse}}:calls}; a replica that does not own it publishes a {@link Call} there, with its
 * own reply channel {@code aisle:relay:{replica}}, and waits up to the relay timeout for the {@link Reply}. A call
 * nobody receives (PUBLISH counts no subscriber: the lease is moving) fails at once.
 *
 * <p>Why pub/sub rather than forwarding HTTP to the owner: the public request was already checked and its nonce
 * spent by the replay guard here, so forwarding would need a second, internal way in with its own trust; pub/sub
 * reuses the Redis connection every replica has, needs no replica addresses, and tells at once when nobody owns
 * the warehouse. The price: a relayed call costs two Redis hops, a relayed long poll asks the owner every poll
 * interval (no wake-ups cross replicas), and a call whose answer is lost (owner killed mid-call) answers 503 even
 * though the owner may have applied it, so an order retried after such a 503 may answer 409 "already submitted".
 *
 * <p>The pub/sub listener runs on Lettuce's event loop and only hands messages on: calls run on
 * {@code boundedElastic} (the dispatcher blocks), replies complete the waiting caller. Thread-safe.
 */
public final class RedisWarehouseRelay implements WarehouseRelay {

    private static final Logger log = LoggerFactory.getLogger(RedisWarehouseRelay.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One relayed dispatcher call; {@code op} says which of the other fields it uses ({@code blocked} is the flag of
     * both "cell" and "parking": whether the cell is closed, or set aside for parking).
     */
    record Call(long id, String replyTo, String op, Order order, Telemetry telemetry, String robotId, int cell,
                boolean blocked, String orderId) {

        Call(String op, Order order, Telemetry telemetry, String robotId, int cell, boolean blocked) {
            this(0, null, op, order, telemetry, robotId, cell, blocked, null);
        }

        Call addressed(long newId, String newReplyTo) {
            return new Call(newId, newReplyTo, op, order, telemetry, robotId, cell, blocked, orderId);
        }
    }

    /**
     * The owner's answer: {@code outcome} "ok" with the call's result, or "not-owner", "unavailable" or "failed"
     * with a message.
     */
    record Reply(long id, String outcome, String message, OrderReceipt receipt, TelemetryResult telemetry,
                 RobotCommand command, WarehouseSnapshot snapshot, boolean changed, FleetChange fleetChange,
                 CancelReceipt cancel) {

        Reply(long id, OrderReceipt receipt, TelemetryResult telemetry, RobotCommand command,
              WarehouseSnapshot snapshot, boolean changed) {
            this(id, "ok", null, receipt, telemetry, command, snapshot, changed, null, null);
        }

        static Reply refused(long id, String outcome, String message) {
            return new Reply(id, outcome, message, null, null, null, null, false, null, null);
        }

        static Reply of(long id, FleetChange change) {
            return new Reply(id, "ok", null, null, null, null, null, false, change, null);
        }
    }

    private final RedisConnections redis;
    private final String replyChannel;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentMap<Long, CompletableFuture<Reply>> waiting = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, WarehouseDispatch> served = new ConcurrentHashMap<>();

    /** Subscribes this replica's reply channel; blocks up to {@link RedisConnections#COMMAND_TIMEOUT}. */
    public RedisWarehouseRelay(RedisConnections redis, String replica, Duration timeout) {
        this.redis = redis;
        this.replyChannel = "aisle:relay:" + replica;
        this.timeout = timeout;
        redis.pubSub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage(channel, message);
            }
        });
        try {
            redis.pubSub().sync().subscribe(replyChannel);
        } catch (RedisException e) {
            // Lettuce subscribes again when it reconnects; until then relayed calls time out.
            log.warn("cannot subscribe the relay reply channel yet: {}", e.toString());
        }
    }

    static String callChannel(WarehouseKey key) {
        return RedisWarehouseLeases.key(key, "calls");
    }

    @Override
    public WarehouseDispatch remote(WarehouseKey key) {
        return new WarehouseDispatch() {
            @Override
            public OrderReceipt submitOrder(Order order) {
                return call(key, new Call("order", order, null, null, 0, false)).receipt();
            }

            @Override
            public TelemetryResult acceptTelemetry(Telemetry report) {
                return call(key, new Call("telemetry", null, report, null, 0, false)).telemetry();
            }

            @Override
            public Optional<RobotCommand> nextCommand(String robotId) {
                return Optional.ofNullable(call(key, new Call("command", null, null, robotId, 0, false)).command());
            }

            @Override
            public WarehouseSnapshot snapshot() {
                return call(key, new Call("state", null, null, null, 0, false)).snapshot();
            }

            @Override
            public boolean setCellBlocked(int cell, boolean blocked) {
                return call(key, new Call("cell", null, null, null, cell, blocked)).changed();
            }

            @Override
            public boolean setParkingCell(int cell, boolean parking) {
                return call(key, new Call("parking", null, null, null, cell, parking)).changed();
            }

            @Override
            public boolean hasRobot(String robotId) {
                return call(key, new Call("has-robot", null, null, robotId, 0, false)).changed();
            }

            @Override
            public FleetChange addRobot(String robotId, int cell) {
                return call(key, new Call("add-robot", null, null, robotId, cell, false)).fleetChange();
            }

            @Override
            public FleetChange removeRobot(String robotId) {
                return call(key, new Call("remove-robot", null, null, robotId, 0, false)).fleetChange();
            }

            @Override
            public FleetChange returnToService(String robotId) {
                return call(key, new Call("return-to-service", null, null, robotId, 0, false)).fleetChange();
            }

            @Override
            public CancelReceipt cancelOrder(String orderId) {
                return call(key, new Call(0, null, "cancel", null, null, null, 0, false, orderId)).cancel();
            }
        };
    }

    @Override
    public void serve(WarehouseKey key, WarehouseDispatch owner) {
        served.put(callChannel(key), owner);
        redis.pubSub().sync().subscribe(callChannel(key));
    }

    @Override
    public void stopServing(WarehouseKey key) {
        served.remove(callChannel(key));
        try {
            redis.pubSub().sync().unsubscribe(callChannel(key));
        } catch (RedisException e) {
            // Calls still arriving find no dispatch here and are ignored; the caller times out.
            log.warn("cannot unsubscribe the calls of warehouse {}: {}", key, e.toString());
        }
    }

    private Reply call(WarehouseKey key, Call unaddressed) {
        long id = ids.incrementAndGet();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        try {
            Long receivers = redis.strings().sync().publish(callChannel(key),
                    JSON.writeValueAsString(unaddressed.addressed(id, replyChannel)));
            if (receivers == null || receivers == 0) {
                throw new WarehouseOwnedElsewhereException("no replica runs warehouse " + key.warehouse()
                        + " at this moment; it is moving to another");
            }
            Reply answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return switch (answer.outcome()) {
                case "ok" -> answer;
                case "not-owner" -> throw new WarehouseOwnedElsewhereException(answer.message());
                case "unavailable" -> throw new WarehouseLeaseUnavailableException(answer.message(), null);
                default -> throw new IllegalStateException("the owner of warehouse " + key + " failed: " + answer.message());
            };
        } catch (RedisException e) {
            throw new WarehouseLeaseUnavailableException("cannot relay a call of warehouse " + key + " through Redis: " + e, e);
        } catch (TimeoutException e) {
            throw new WarehouseOwnedElsewhereException("the replica that runs warehouse " + key.warehouse()
                    + " did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseOwnedElsewhereException("interrupted while waiting for the owner of warehouse " + key.warehouse());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(id);
        }
    }

    private void onMessage(String channel, String message) {
        if (channel.equals(replyChannel)) {
            try {
                Reply reply = JSON.readValue(message, Reply.class);
                CompletableFuture<Reply> caller = waiting.get(reply.id());
                if (caller != null) {
                    caller.complete(reply);
                }
            } catch (JacksonException e) {
                log.error("unreadable relay reply on {}: {}", channel, e.getOriginalMessage());
            }
            return;
        }
        WarehouseDispatch owner = served.get(channel);
        if (owner != null) {
            Schedulers.boundedElastic().schedule(() -> answer(owner, channel, message));
        }
    }

    private void answer(WarehouseDispatch owner, String channel, String message) {
        Call call;
        try {
            call = JSON.readValue(message, Call.class);
        } catch (JacksonException e) {
            log.error("unreadable relayed call on {}: {}", channel, e.getOriginalMessage());
            return;
        }
        Reply reply;
        try {
            reply = execute(owner, call);
        } catch (WarehouseOwnedElsewhereException e) {
            reply = Reply.refused(call.id(), "not-owner", e.getMessage());
        } catch (WarehouseLeaseUnavailableException e) {
            reply = Reply.refused(call.id(), "unavailable", e.getMessage());
        } catch (RuntimeException e) {
            log.error("relayed call {} on {} failed", call.op(), channel, e);
            reply = Reply.refused(call.id(), "failed", e.toString());
        }
        redis.strings().async().publish(call.replyTo(), JSON.writeValueAsString(reply));
    }

    private static Reply execute(WarehouseDispatch owner, Call call) {
        long id = call.id();
        return switch (call.op()) {
            case "order" -> new Reply(id, owner.submitOrder(call.order()), null, null, null, false);
            case "telemetry" -> new Reply(id, null, owner.acceptTelemetry(call.telemetry()), null, null, false);
            case "command" -> new Reply(id, null, null, owner.nextCommand(call.robotId()).orElse(null), null, false);
            case "state" -> new Reply(id, null, null, null, owner.snapshot(), false);
            case "cell" -> new Reply(id, null, null, null, null, owner.setCellBlocked(call.cell(), call.blocked()));
            case "parking" -> new Reply(id, null, null, null, null, owner.setParkingCell(call.cell(), call.blocked()));
            case "has-robot" -> new Reply(id, null, null, null, null, owner.hasRobot(call.robotId()));
            case "add-robot" -> Reply.of(id, owner.addRobot(call.robotId(), call.cell()));
            case "remove-robot" -> Reply.of(id, owner.removeRobot(call.robotId()));
            case "return-to-service" -> Reply.of(id, owner.returnToService(call.robotId()));
            case "cancel" -> new Reply(id, "ok", null, null, null, null, null, false, null,
                    owner.cancelOrder(call.orderId()));
            default -> throw new IllegalArgumentException("unknown relayed call '" + call.op() + "'");
        };
    }
}
