package io.aisle.serving.idempotency;

import java.util.Arrays;

/**
 * The answer to the first request with a key: its status and its JSON body, as sent.
 *
 * @param status an HTTP status in 200-299
 * @param json the body bytes, UTF-8 JSON
 */
public record StoredReply(int status, byte[] json) {

    public StoredReply {
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("status must be 2xx but was " + status);
        }
        json = json.clone();
    }

    @Override
    public byte[] json() {
        return json.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredReply that && status == that.status && Arrays.equals(json, that.json);
    }

    @Override
    public int hashCode() {
        return 31 * status + Arrays.hashCode(json);
    }

    @Override
    public String toString() {
        return "StoredReply[status=" + status + ", " + json.length + " bytes]";
    }
}
