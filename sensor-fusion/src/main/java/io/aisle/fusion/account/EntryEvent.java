package io.aisle.fusion.account;

import io.aisle.vision.snapshot.SnapshotCodec;
import java.util.Objects;

/**
 * A gate's report that an account holder scanned in.
 *
 * @param gate the gate's id
 * @param account the shopper's account, as the store's app names it
 * @param atMillis event time of the scan, epoch milliseconds (the cameras' clock)
 */
public record EntryEvent(String gate, String account, long atMillis) {

    /** gate, account, atMillis. */
    public static final SnapshotCodec<EntryEvent> CODEC = SnapshotCodec.of(
            (e, out) -> out.writeString(e.gate).writeString(e.account).writeLong(e.atMillis),
            in -> new EntryEvent(in.readString(), in.readString(), in.readLong()));

    public EntryEvent {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(account, "account");
        if (account.isBlank()) {
            throw new IllegalArgumentException("account must not be blank");
        }
        if (atMillis < 0) {
            throw new IllegalArgumentException("atMillis must be >= 0 but was " + atMillis);
        }
    }
}
