package io.aisle.serving.store;

import static io.aisle.serving.web.QueryParams.longParam;

import io.aisle.fusion.engine.ShopperPosition;
import io.aisle.fusion.layout.Plate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * What is on a store's floor now, role {@code store-device}, as its owner last saw it
 * ({@link FloorView}); answered from this process's memory, so it is right on the server that owns
 * the store (embedded, or the Kafka worker owning the store's partition) and empty elsewhere. 404 for
 * an unknown store or another tenant's; 400 for a parameter out of range.
 *
 * <ul>
 *   <li>{@code GET /v1/stores/{store}/shoppers}: {@code {"store","clockMillis","shoppers":[{"shopper","track",
 *       "x","y","updatedAtMillis"}]}}, every shopper still in the store at their last sighting (floor metres),
 *       refreshed with every batch the tracker or the observation feed delivers.</li>
 *   <li>{@code GET /v1/stores/{store}/sensors?silentAfterSeconds=5}: {@code {"store","clockMillis",
 *       "silentAfterMillis","plates":[{"plate","lastReadingMillis","silent"}],"cameras":[{"camera",
 *       "lastFrameMillis","silent","skewMillis"}]}}: every plate of the layout and every calibrated camera;
 *       silent when it has sent nothing, or nothing for {@code silentAfterSeconds} (1-3600) of the store
 *       clock; a camera's {@code skewMillis} is its newest frame time minus the newest shelf reading, null
 *       while it is silent or no plate has read.</li>
 * </ul>
 */
public final class StoreFloorHandler {

    private static final long DEFAULT_SILENT_AFTER_SECONDS = 5;
    private static final long MAX_SILENT_AFTER_SECONDS = 3_600;

    private final StoreLookup lookup;
    private final StoreFeeds feeds;

    public StoreFloorHandler(StoreRegistry registry, StoreFeeds feeds) {
        this.lookup = new StoreLookup(registry);
        this.feeds = feeds;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/v1/stores/{store}/shoppers", this::shoppers)
                .GET("/v1/stores/{store}/sensors", this::sensors)
                .build();
    }

    private Mono<ServerResponse> shoppers(ServerRequest request) {
        return lookup.find(request).flatMap(store -> {
            FloorView floor = feeds.feed(store.key()).floor();
            List<ShopperOnFloor> shoppers = new ArrayList<>(floor.shoppers().size());
            for (ShopperPosition position : floor.shoppers()) {
                shoppers.add(new ShopperOnFloor(position.shopperId(), position.trackId(), position.xMeters(),
                        position.yMeters(), position.seenAtMillis()));
            }
            return ok(new Shoppers(store.key().store(), clock(floor), shoppers));
        });
    }

    private Mono<ServerResponse> sensors(ServerRequest request) {
        long silentAfterMillis = 1_000 * longParam(request, "silentAfterSeconds", DEFAULT_SILENT_AFTER_SECONDS, 1,
                MAX_SILENT_AFTER_SECONDS);
        return lookup.find(request).flatMap(store -> ok(sensors(store, feeds.feed(store.key()).floor(), silentAfterMillis)));
    }

    static Sensors sensors(RegisteredStore store, FloorView floor, long silentAfterMillis) {
        Long shelfClock = floor.newestReadingMillisByPlate().isEmpty() ? null : floor.clockMillis();
        List<PlateHealth> plates = new ArrayList<>();
        for (Plate plate : store.layout().plates()) {
            Long last = floor.newestReadingMillisByPlate().get(plate.id());
            plates.add(new PlateHealth(plate.id(), last, silent(floor, last, silentAfterMillis)));
        }
        TreeSet<String> cameraIds = new TreeSet<>(floor.newestFrameMillisByCamera().keySet());
        store.cameras().ifPresent(setup -> cameraIds.addAll(setup.cameraIds()));
        List<CameraHealth> cameras = new ArrayList<>();
        for (String camera : cameraIds) {
            Long last = floor.newestFrameMillisByCamera().get(camera);
            boolean silent = silent(floor, last, silentAfterMillis);
            Long skew = silent || shelfClock == null ? null : last - shelfClock;
            cameras.add(new CameraHealth(camera, last, silent, skew));
        }
        return new Sensors(store.key().store(), clock(floor), silentAfterMillis, plates, cameras);
    }

    /**
     * Silent when never heard from, or when the store clock has gone on for longer than the bound
     * since. A sensor whose clock runs ahead of the store's is not silent: its skew says so.
     */
    private static boolean silent(FloorView floor, Long lastMillis, long silentAfterMillis) {
        return lastMillis == null || floor.clockMillis() - lastMillis > silentAfterMillis;
    }

    private static Long clock(FloorView floor) {
        return floor.hasClock() ? floor.clockMillis() : null;
    }

    private static Mono<ServerResponse> ok(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    /** {@code x}, {@code y}: floor metres in the layout's frame; {@code updatedAtMillis}: the sighting's event time. */
    public record ShopperOnFloor(String shopper, String track, double x, double y, long updatedAtMillis) {
    }

    /** {@code clockMillis} is null before the store's first input. */
    public record Shoppers(String store, Long clockMillis, List<ShopperOnFloor> shoppers) {
    }

    public record PlateHealth(String plate, Long lastReadingMillis, boolean silent) {
    }

    public record CameraHealth(String camera, Long lastFrameMillis, boolean silent, Long skewMillis) {
    }

    public record Sensors(String store, Long clockMillis, long silentAfterMillis, List<PlateHealth> plates,
                          List<CameraHealth> cameras) {
    }
}
