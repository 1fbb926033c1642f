package io.aisle.fusion.account;

import java.util.List;
import java.util.Objects;

/** What the binding makes of one shopper's visit when their receipt is issued. */
public sealed interface AccountOutcome {

    /** The one entry at the gate when this shopper, and no one else, passed it. */
    record Bound(String account) implements AccountOutcome {
        public Bound {
            Objects.requireNonNull(account, "account");
        }
    }

    /**
     * Several entries, or several shoppers, at the gate together: any of {@code candidateAccounts}
     * may be this shopper's, and the binding does not guess.
     */
    record Ambiguous(List<String> candidateAccounts) implements AccountOutcome {
        public Ambiguous {
            candidateAccounts = List.copyOf(candidateAccounts);
        }
    }

    /** No entry event at the gate when this shopper passed it (or they were not seen passing a gate). */
    record Unbound() implements AccountOutcome {
    }
}
