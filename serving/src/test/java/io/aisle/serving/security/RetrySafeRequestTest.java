package io.aisle.serving.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Which signed requests a load balancer may send again to another replica. */
class RetrySafeRequestTest {

    private static final List<String> PLAIN = List.of("host", "x-aisle-date", "x-aisle-nonce");

    @Test
    void readsAreRetrySafe() {
        assertTrue(SignedRequestFilter.retrySafe(HttpMethod.GET, PLAIN));
        assertTrue(SignedRequestFilter.retrySafe(HttpMethod.HEAD, PLAIN));
    }

    @Test
    void aWriteIsRetrySafeOnlyWhenItSignsItsIdempotencyKey() {
        assertFalse(SignedRequestFilter.retrySafe(HttpMethod.POST, PLAIN),
                "an unsigned Idempotency-Key could be added to a captured write to run it again");
        assertTrue(SignedRequestFilter.retrySafe(HttpMethod.POST, List.of("host", "x-aisle-date", "idempotency-key")));
        assertFalse(SignedRequestFilter.retrySafe(HttpMethod.DELETE, PLAIN));
    }
}
