package io.aisle.fusion.attribution;

import io.aisle.fusion.layout.FloorZone;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps track ids to shoppers and follows each shopper from entry to exit.
 *
 * <p>A track first seen in (or within {@code entrySlackMeters} of) the entry zone is a new
 * shopper, named after that first track id. A track first seen elsewhere is an identity switch:
 * it is linked to the nearest shopper who was lost recently (not seen for at least one frame,
 * at most {@code linkWindowMillis} ago, within {@code linkRadiusMeters}); if none fits it becomes
 * a new shopper that did not enter through the entry, which later flags its receipt for review.
 * If the shopper's previous track shows up again after such a link, the link was wrong (a
 * companion out of view for a frame looked lost too): the new track moves to the next nearest
 * candidate of the moment it was linked.
 * A track first seen at the exit that links to nobody still in the store (their receipt may
 * already be out) is ignored: whoever it is, they are leaving.
 *
 * <p>Not thread-safe: owned by the fusion engine.
 */
public final class ShopperRegistry {

    /**
     * entry and exit (FloorZone each), entrySlackMeters, linkRadiusMeters, linkWindowMillis; the
     * shoppers (list of ShopperTrack, active ones in order of first appearance, then any other a
     * track id still points to); active (count, then shopper id and int index into that list);
     * byTrack (count, then track id and index, track ids sorted); retiredTrackIds (sorted list of
     * strings); linkAlternatives (count, then track id and list of shopper ids, track ids sorted);
     * linkedAtExit (sorted list of strings). Indexes keep the one object behind both maps one object.
     */
    public static final SnapshotCodec<ShopperRegistry> CODEC = SnapshotCodec.of(ShopperRegistry::write,
            ShopperRegistry::read);
    private static final SnapshotCodec<List<String>> STRINGS = SnapshotCodec.of(
            (v, out) -> out.writeList(v, SnapshotCodec.STRING), in -> in.readList(SnapshotCodec.STRING));

    private final FloorZone entry;
    private final FloorZone exit;
    private final double entrySlackMeters;
    private final double linkRadiusMeters;
    private final long linkWindowMillis;
    private final Map<String, ShopperTrack> byTrack = new HashMap<>();
    private final Map<String, ShopperTrack> active = new LinkedHashMap<>();
    private final Set<String> retiredTrackIds = new HashSet<>();
    /** For a track linked by an identity switch: the other shoppers it could have been, nearest first. */
    private final Map<String, List<String>> linkAlternatives = new HashMap<>();
    private final Set<String> linkedAtExit = new HashSet<>();

    public ShopperRegistry(FloorZone entry, FloorZone exit, double entrySlackMeters, double linkRadiusMeters,
                           long linkWindowMillis) {
        this.entry = entry;
        this.exit = exit;
        this.entrySlackMeters = entrySlackMeters;
        this.linkRadiusMeters = linkRadiusMeters;
        this.linkWindowMillis = linkWindowMillis;
    }

    private void write(SnapshotWriter out) {
        FloorZone.CODEC.write(entry, out);
        FloorZone.CODEC.write(exit, out);
        out.writeDouble(entrySlackMeters).writeDouble(linkRadiusMeters).writeLong(linkWindowMillis);
        List<ShopperTrack> tracks = new ArrayList<>(active.values());
        Map<String, ShopperTrack> byTrackSorted = new TreeMap<>(byTrack);
        for (ShopperTrack track : byTrackSorted.values()) {
            if (tracks.stream().noneMatch(t -> t == track)) {
                tracks.add(track);
            }
        }
        out.writeList(tracks, ShopperTrack.CODEC);
        out.writeMap(indexes(active, tracks), SnapshotCodec.INT);
        out.writeMap(indexes(byTrackSorted, tracks), SnapshotCodec.INT);
        out.writeList(new TreeSet<>(retiredTrackIds), SnapshotCodec.STRING);
        out.writeMap(new TreeMap<>(linkAlternatives), STRINGS);
        out.writeList(new TreeSet<>(linkedAtExit), SnapshotCodec.STRING);
    }

    private static Map<String, Integer> indexes(Map<String, ShopperTrack> map, List<ShopperTrack> tracks) {
        Map<String, Integer> indexes = new LinkedHashMap<>();
        map.forEach((key, track) -> {
            int i = 0;
            while (tracks.get(i) != track) {
                i++;
            }
            indexes.put(key, i);
        });
        return indexes;
    }

    private static ShopperRegistry read(SnapshotReader in) {
        ShopperRegistry registry = new ShopperRegistry(FloorZone.CODEC.read(in), FloorZone.CODEC.read(in),
                in.readDouble(), in.readDouble(), in.readLong());
        List<ShopperTrack> tracks = in.readList(ShopperTrack.CODEC);
        resolve(in, in.readMap(SnapshotCodec.INT), tracks, registry.active);
        resolve(in, in.readMap(SnapshotCodec.INT), tracks, registry.byTrack);
        registry.retiredTrackIds.addAll(in.readList(SnapshotCodec.STRING));
        registry.linkAlternatives.putAll(in.readMap(STRINGS));
        registry.linkedAtExit.addAll(in.readList(SnapshotCodec.STRING));
        return registry;
    }

    private static void resolve(SnapshotReader in, Map<String, Integer> indexes, List<ShopperTrack> tracks,
                                Map<String, ShopperTrack> into) {
        indexes.forEach((key, index) -> {
            if (index < 0 || index >= tracks.size()) {
                throw in.corrupt("'" + key + "' points to shopper " + index + " of " + tracks.size());
            }
            into.put(key, tracks.get(index));
        });
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
        } else if (!track.latestTrackId().equals(sighting.trackId())
                && linkAlternatives.containsKey(track.latestTrackId())) {
            // This shopper's old track is still being seen, so the newer track linked to them was
            // somebody else's switch (a companion who dropped out of view for a frame, say).
            relink(track, track.latestTrackId());
        }
        track.record(sighting);
        if (exit.contains(sighting.xMeters(), sighting.yMeters()) && !entry.contains(sighting.xMeters(), sighting.yMeters())) {
            track.markExit(sighting.timestampMillis());
        }
        return Optional.of(track);
    }

    private void relink(ShopperTrack wrong, String trackId) {
        wrong.removeTrackId(trackId);
        ShopperTrack target = null;
        for (String alternative : linkAlternatives.remove(trackId)) {
            ShopperTrack candidate = active.get(alternative);
            if (candidate != null) {
                target = candidate;
                break;
            }
        }
        if (target == null && linkedAtExit.remove(trackId)) {
            // Whoever it is, they were on their way out and their receipt is already settled.
            byTrack.remove(trackId);
            retiredTrackIds.add(trackId);
            return;
        }
        if (target == null) {
            target = new ShopperTrack(trackId, false);
            active.put(trackId, target);
        } else {
            target.addTrackId(trackId);
        }
        byTrack.put(trackId, target);
    }

    private Optional<ShopperTrack> assign(Sighting s) {
        boolean atEntry = near(entry, s.xMeters(), s.yMeters());
        boolean atExit = near(exit, s.xMeters(), s.yMeters());
        if (!atEntry) {
            List<ShopperTrack> candidates = new ArrayList<>();
            for (ShopperTrack candidate : active.values()) {
                long gap = s.timestampMillis() - candidate.lastSeenMillis();
                if ((candidate.hasExited() && !atExit) || gap <= 0 || gap > linkWindowMillis) {
                    continue;
                }
                if (Math.hypot(candidate.lastX() - s.xMeters(), candidate.lastY() - s.yMeters()) <= linkRadiusMeters) {
                    candidates.add(candidate);
                }
            }
            candidates.sort(Comparator.comparingDouble(
                    c -> Math.hypot(c.lastX() - s.xMeters(), c.lastY() - s.yMeters())));
            if (!candidates.isEmpty()) {
                ShopperTrack best = candidates.get(0);
                best.addTrackId(s.trackId());
                linkAlternatives.put(s.trackId(),
                        candidates.subList(1, candidates.size()).stream().map(ShopperTrack::shopperId).toList());
                if (atExit) {
                    linkedAtExit.add(s.trackId());
                }
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
        return zone.distanceMeters(x, y) <= entrySlackMeters;
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
                linkAlternatives.remove(trackId);
                linkedAtExit.remove(trackId);
            }
        }
    }

    /** Shoppers that are still active, as a list safe to iterate while retiring. */
    public List<ShopperTrack> activeSnapshot() {
        return new ArrayList<>(active.values());
    }
}
