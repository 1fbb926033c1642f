package io.aisle.fusion.account;

import io.aisle.fusion.layout.Gate;
import io.aisle.vision.snapshot.SnapshotCodec;
import io.aisle.vision.snapshot.SnapshotReader;
import io.aisle.vision.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the gates' entry events to the tracks that passed the gates. A track crosses a gate when it
 * is first seen inside the gate's cell (or within {@code slackMeters} of it); an entry event and a
 * crossing at the same gate belong together when they are at most {@code toleranceMillis} apart.
 *
 * <p>A visit is bound only when the pairing is one to one: its crossing has exactly one entry
 * within the tolerance and that entry has no other crossing within it. Two shoppers entering
 * together (two entries, two crossings, all within the tolerance) are ambiguous, each with both
 * candidate accounts; a crossing with no entry is unbound. An entry may come before or after its
 * crossing (a late track), as long as both are in before the visit's receipt is decided with
 * {@link #settle}. Entries and crossings are kept for {@code retentionMillis} of event time, so
 * every candidate stays visible to the visits that might share it.
 *
 * <p>A store whose gates never reported an entry does not bind: {@link #isBinding()} is false and
 * its receipts are neither given an account nor held for the lack of one.
 *
 * <p>Deterministic given its inputs. Not thread-safe: owned by the store pipeline's thread.
 */
public final class AccountBinding {

    /**
     * How far apart an entry and a crossing may be, by default: a scan and a step through the gate,
     * less than half the second that a gate lets one shopper after another through.
     */
    public static final long DEFAULT_TOLERANCE_MILLIS = 500;
    /** How long entries and crossings are kept by default: longer than any visit. */
    public static final long DEFAULT_RETENTION_MILLIS = 2 * 60 * 60 * 1_000L;
    private static final double DEFAULT_SLACK_METERS = 0.5;

    private record Crossing(String gate, long atMillis) {
        static final SnapshotCodec<Crossing> CODEC = SnapshotCodec.of(
                (c, out) -> out.writeString(c.gate).writeLong(c.atMillis),
                in -> new Crossing(in.readString(), in.readLong()));
    }

    private final List<Gate> gates;
    private final long toleranceMillis;
    private final long retentionMillis;
    private final double slackMeters;
    /** Entries in arrival order. */
    private final List<EntryEvent> entries = new ArrayList<>();
    /** Crossing per track id, first seen first. */
    private final LinkedHashMap<String, Crossing> crossings = new LinkedHashMap<>();
    /** Last sighting time per track id, first seen first: a track not in here is new. */
    private final LinkedHashMap<String, Long> lastSeenMillis = new LinkedHashMap<>();
    private long newestMillis = Long.MIN_VALUE;
    /** Whether any gate has reported an entry: until one does, the store binds no visit at all. */
    private boolean gatesReporting;

    public AccountBinding(List<Gate> gates) {
        this(gates, DEFAULT_TOLERANCE_MILLIS, DEFAULT_RETENTION_MILLIS, DEFAULT_SLACK_METERS);
    }

    public AccountBinding(List<Gate> gates, long toleranceMillis, long retentionMillis, double slackMeters) {
        this.gates = List.copyOf(gates);
        if (toleranceMillis < 0) {
            throw new IllegalArgumentException("toleranceMillis must be >= 0 but was " + toleranceMillis);
        }
        if (retentionMillis <= 2 * toleranceMillis) {
            throw new IllegalArgumentException("retentionMillis must be > 2 x toleranceMillis but was " + retentionMillis);
        }
        if (!(slackMeters >= 0)) {
            throw new IllegalArgumentException("slackMeters must be >= 0 but was " + slackMeters);
        }
        this.toleranceMillis = toleranceMillis;
        this.retentionMillis = retentionMillis;
        this.slackMeters = slackMeters;
    }

    /**
     * The codec of a binding for these gates and settings (not part of the bytes): newestMillis
     * long, gatesReporting bool, entries list&lt;EntryEvent&gt; (arrival order), crossings map&lt;Crossing&gt; (track id ->
     * gate string, atMillis long; first seen first), lastSeenMillis map&lt;long&gt; (first seen first).
     */
    public static SnapshotCodec<AccountBinding> codec(List<Gate> gates, long toleranceMillis, long retentionMillis,
            double slackMeters) {
        return SnapshotCodec.of(AccountBinding::write,
                in -> read(in, new AccountBinding(gates, toleranceMillis, retentionMillis, slackMeters)));
    }

    /** The codec of a binding with the default settings. */
    public static SnapshotCodec<AccountBinding> codec(List<Gate> gates) {
        return codec(gates, DEFAULT_TOLERANCE_MILLIS, DEFAULT_RETENTION_MILLIS, DEFAULT_SLACK_METERS);
    }

    public List<Gate> gates() {
        return gates;
    }

    /**
     * Checks an entry without touching any state.
     *
     * @return the problem in plain words, or empty
     */
    public Optional<String> validate(EntryEvent entry) {
        if (gates.stream().noneMatch(g -> g.id().equals(entry.gate()))) {
            return Optional.of("unknown gate " + entry.gate() + "; the store's gates are "
                    + gates.stream().map(Gate::id).toList());
        }
        return Optional.empty();
    }

    /**
     * Keeps an entry; one equal to an entry kept already (same gate, account and time) is the same scan sent again,
     * as a client retrying a post whose answer it lost does, and is kept once.
     *
     * @throws IllegalArgumentException when {@link #validate} finds a problem; nothing changes then
     */
    public void accept(EntryEvent entry) {
        validate(entry).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (entries.contains(entry)) {
            return;
        }
        entries.add(entry);
        gatesReporting = true;
        advance(entry.atMillis());
    }

    /** Notes a sighting of a track; a track's first sighting at a gate is its crossing of that gate. */
    public void observe(String trackId, long timestampMillis, double xMeters, double yMeters) {
        Long previous = lastSeenMillis.put(trackId, timestampMillis);
        if (previous == null) {
            for (Gate gate : gates) {
                if (gate.zone().distanceMeters(xMeters, yMeters) <= slackMeters) {
                    crossings.put(trackId, new Crossing(gate.id(), timestampMillis));
                    break;
                }
            }
        } else if (previous > timestampMillis) {
            lastSeenMillis.put(trackId, previous);
        }
        advance(timestampMillis);
    }

    /**
     * Decides the account of a visit whose receipt is being issued.
     *
     * @param trackIds the visit's tracks, the first one first (the one that came in); crossings of
     *     its later tracks are this shopper's too, so they do not count as someone else entering
     */
    public AccountOutcome settle(List<String> trackIds) {
        Crossing crossing = trackIds.isEmpty() ? null : crossings.get(trackIds.get(0));
        if (crossing == null) {
            return new AccountOutcome.Unbound();
        }
        Set<String> ownTracks = Set.copyOf(trackIds);
        List<EntryEvent> near = entriesNear(crossing);
        if (near.isEmpty()) {
            return new AccountOutcome.Unbound();
        }
        if (near.size() == 1 && othersNear(near.get(0), ownTracks) == 0) {
            return new AccountOutcome.Bound(near.get(0).account());
        }
        Set<String> accounts = new LinkedHashSet<>();
        near.forEach(e -> accounts.add(e.account()));
        return new AccountOutcome.Ambiguous(List.copyOf(accounts));
    }

    /** Whether the store's gates report entries, so its visits are bound. */
    public boolean isBinding() {
        return gatesReporting;
    }

    /** Entries kept (waiting for a visit to settle, or kept for the visits that may share them). */
    public int entriesKept() {
        return entries.size();
    }

    private List<EntryEvent> entriesNear(Crossing crossing) {
        return entries.stream().filter(e -> e.gate().equals(crossing.gate())
                && Math.abs(e.atMillis() - crossing.atMillis()) <= toleranceMillis).toList();
    }

    private long othersNear(EntryEvent entry, Set<String> ownTracks) {
        return crossings.entrySet().stream().filter(c -> !ownTracks.contains(c.getKey())
                && c.getValue().gate().equals(entry.gate())
                && Math.abs(c.getValue().atMillis() - entry.atMillis()) <= toleranceMillis).count();
    }

    /** Moves event time on and forgets what is older than the retention. */
    private void advance(long timestampMillis) {
        if (timestampMillis <= newestMillis) {
            return;
        }
        newestMillis = timestampMillis;
        long horizon = newestMillis - retentionMillis;
        entries.removeIf(e -> e.atMillis() < horizon);
        crossings.values().removeIf(c -> c.atMillis() < horizon);
        lastSeenMillis.values().removeIf(t -> t < horizon);
    }

    private void write(SnapshotWriter out) {
        out.writeLong(newestMillis).writeBoolean(gatesReporting).writeList(entries, EntryEvent.CODEC).writeMap(crossings, Crossing.CODEC)
                .writeMap(lastSeenMillis, SnapshotCodec.LONG);
    }

    private static AccountBinding read(SnapshotReader in, AccountBinding binding) {
        binding.newestMillis = in.readLong();
        binding.gatesReporting = in.readBoolean();
        for (EntryEvent entry : in.readList(EntryEvent.CODEC)) {
            if (binding.validate(entry).isPresent()) {
                throw in.corrupt("entry at " + entry.gate() + ", not a gate of this store");
            }
            binding.entries.add(entry);
        }
        binding.crossings.putAll(in.readMap(Crossing.CODEC));
        binding.lastSeenMillis.putAll(in.readMap(SnapshotCodec.LONG));
        return binding;
    }
}
