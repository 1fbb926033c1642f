package io.aisle.serving.idempotency;

/** What the store says when a request with a key arrives. */
public sealed interface Claim {

    /** The first request with this key: it runs, and its answer is kept. */
    record First() implements Claim {
    }

    /** A request with this key and the same content runs right now elsewhere: the retry must wait. */
    record InFlight() implements Claim {
    }

    /** The same request ran before: here is its answer. */
    record Replay(StoredReply reply) implements Claim {
    }

    /** The key was used before for a different request (another path or body). */
    record KeyReused() implements Claim {
    }
}
