package io.aisle.fusion.attribution;

import io.aisle.fusion.layout.FloorZone;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps track ids to shoppers and follows each shopper from entry to exit.
 *
 * <p>A track first seen in (or within {@code entrySlackMeters} of) the entry zone is a new
 * shopper, named after that first track id. A track first seen elsewhere is an identity switch:
 * it is linked to the nearest shopper who was lost recently (not seen for at least one frame,
 * at most {@code linkWindowMillis} ago, within {@code linkRadiusMeters}); if none fits it becomes
 * a new shopper that did not enter through the entry, which later flags its receipt for review.
 * A track first seen at the exit that links to nobody still in the store (their receipt may
 * already be out) is ignored: whoever it is, they are leaving.
 *
 * <p>Not thread-safe: owned by the fusion engine.
 */
public final class ShopperRegistry implements Serializable {

    private static final long serialVersionUID = 1L;

    private final FloorZone entry;
    private final FloorZone exit;
    private final double entrySlackMeters;
    private final double linkRadiusMeters;
    private final long linkWindowMillis;
    private final Map<String, ShopperTrack> byTrack = new HashMap<>();
    private final Map<String, ShopperTrack> active = new LinkedHashMap<>();
    private final Set<String> retiredTrackIds = new HashSet<>();

    public ShopperRegistry(FloorZone entry, FloorZone exit, double entrySlackMeters, double linkRadiusMeters,
                           long linkWindowMillis) {
        this.entry = entry;
        this.exit = exit;
        this.entrySlackMeters = entrySlackMeters;
        this.linkRadiusMeters = linkRadiusMeters;
        this.linkWindowMillis = linkWindowMillis;
    }

    /**
     * Records a sighting (in event-time order) and returns the shopper it belongs to; empty when
     * the track belongs to a shopper whose receipt was already issued.
     */
    public Optional<ShopperTrack> record(Sighting sighting) {
        if (retiredTrackIds.contains(sighting.trackId())) {
            return Optional.empty();
        }
        ShopperTrack track = byTrack.get(sighting.trackId());
        if (track == null) {
            Optional<ShopperTrack> assigned = assign(sighting);
            if (assigned.isEmpty()) {
                retiredTrackIds.add(sighting.trackId());
                return Optional.empty();
            }
            track = assigned.get();
            byTrack.put(sighting.trackId(), track);
        }
        track.record(sighting);
        if (exit.contains(sighting.xMeters(), sighting.yMeters()) && !entry.contains(sighting.xMeters(), sighting.yMeters())) {
            track.markExit(sighting.timestampMillis());
        }
        return Optional.of(track);
    }

    private Optional<ShopperTrack> assign(Sighting s) {
        boolean atEntry = near(entry, s.xMeters(), s.yMeters());
        boolean atExit = near(exit, s.xMeters(), s.yMeters());
        if (!atEntry) {
            ShopperTrack best = null;
            double bestDistance = linkRadiusMeters;
            for (ShopperTrack candidate : active.values()) {
                long gap = s.timestampMillis() - candidate.lastSeenMillis();
                if ((candidate.hasExited() && !atExit) || gap <= 0 || gap > linkWindowMillis) {
                    continue;
                }
                double d = Math.hypot(candidate.lastX() - s.xMeters(), candidate.lastY() - s.yMeters());
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
            if (best != null) {
                best.addTrackId(s.trackId());
                return Optional.of(best);
            }
            if (atExit) {
                // Someone first seen on the way out is leaving, whoever they are: nothing to charge.
                return Optional.empty();
            }
        }
        ShopperTrack track = new ShopperTrack(s.trackId(), atEntry);
        active.put(track.shopperId(), track);
        return Optional.of(track);
    }

    private boolean near(FloorZone zone, double x, double y) {
        double dx = Math.max(0, Math.max(zone.minXMeters() - x, x - zone.maxXMeters()));
        double dy = Math.max(0, Math.max(zone.minYMeters() - y, y - zone.maxYMeters()));
        return Math.hypot(dx, dy) <= entrySlackMeters;
    }

    /** Shoppers whose receipt has not been issued, in order of first appearance. */
    public Collection<ShopperTrack> active() {
        return active.values();
    }

    /** The active shopper a track id belongs to. */
    public Optional<ShopperTrack> findActiveByTrack(String trackId) {
        ShopperTrack track = byTrack.get(trackId);
        return track == null ? Optional.empty() : findActive(track.shopperId());
    }

    public Optional<ShopperTrack> findActive(String shopperId) {
        return Optional.ofNullable(active.get(shopperId));
    }

    /** Forgets a shopper whose receipt was issued; later sightings of their tracks are ignored. */
    public void retire(String shopperId) {
        ShopperTrack track = active.remove(shopperId);
        if (track != null) {
            for (String trackId : track.trackIds()) {
                byTrack.remove(trackId);
                retiredTrackIds.add(trackId);
            }
        }
    }

    /** Shoppers that are still active, as a list safe to iterate while retiring. */
    public List<ShopperTrack> activeSnapshot() {
        return new ArrayList<>(active.values());
    }
}
