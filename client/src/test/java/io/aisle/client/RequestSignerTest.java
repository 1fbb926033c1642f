package io.aisle.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
    private static final String NONCE = "00112233445566778899aabb";
    private final RequestSigner signer = new RequestSigner("key-1", "s3cret");

    @Test
    void authorizationHeaderNamesKeyDateAndSignedHeaders() {
        Map<String, String> headers = signer.sign("GET", "127.0.0.1:8080", "/v1/ping", null, null, NOW);

        assertEquals("20261126T101500Z", headers.get("x-aisle-date"));
        AuthorizationHeader parsed = AuthorizationHeader.parse(headers.get("Authorization")).orElseThrow();
        assertEquals("key-1", parsed.keyId());
        assertEquals("20261126", parsed.credentialDate());
        assertEquals(List.of("host", "x-aisle-date", "x-aisle-nonce"), parsed.signedHeaders());
        assertEquals(24, headers.get("x-aisle-nonce").length());
    }

    @Test
    void queryOrderAndEncodingDoNotChangeTheCanonicalRequest() {
        String a = CanonicalRequest.of("GET", "/v1/x", "k=5&item=whole%20milk", Map.of("host", "h"), null);
        String b = CanonicalRequest.of("get", "/v1/x", "item=whole%20milk&k=5", Map.of("HOST", " h "), new byte[0]);

        assertEquals(a, b);
        assertTrue(a.contains("\nitem=whole%20milk&k=5\n"), a);
    }

    @Test
    void queryIsReEncodedPerRfc3986() {
        assertEquals("a=~&b=x%2By&c=caf%C3%A9&d=a%2Ab&e=plain-._~&f=",
                CanonicalRequest.canonicalQuery("f&e=plain-._~&d=a*b&c=caf%C3%A9&b=x+y&a=%7e"));
    }

    @Test
    void signatureFollowsTheDocumentedScheme() {
        // Computed from the scheme in RequestSigner's documentation by an independent HMAC-SHA256 implementation.
        Map<String, String> headers = signer.sign("GET", "127.0.0.1:8080", "/v1/recommendations/also-bought", "k=5&item=milk",
                null, NOW, NONCE);

        assertTrue(headers.get("Authorization").endsWith(
                "Signature=f227fd3846a27e78a07c22a9aa3c4657aba77e4e62a90f9bee4001b0266709ba"), headers.get("Authorization"));
        assertEquals(headers, signer.sign("GET", "127.0.0.1:8080", "/v1/recommendations/also-bought", "k=5&item=milk",
                new byte[0], NOW, NONCE), "a second signing on the same thread reuses its HMAC and digest");
    }

    @Test
    void anyChangeToBodyPathOrQueryChangesTheSignature() {
        byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        String base = signatureOf("POST", "/v1/events", null, body);

        assertNotEquals(base, signatureOf("POST", "/v1/events", null, "{\"events\":[1]}".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(base, signatureOf("POST", "/v1/event", null, body));
        assertNotEquals(base, signatureOf("POST", "/v1/events", "a=1", body));
        assertNotEquals(base, new RequestSigner("key-1", "other").sign("POST", "h", "/v1/events", null, body, NOW, NONCE)
                .get("Authorization"));
        assertEquals(base, signatureOf("POST", "/v1/events", null, body), "the same request with the same nonce signs alike");
    }

    @Test
    void identicalRequestsInTheSameSecondSignDifferently() {
        assertNotEquals(signer.sign("GET", "h", "/v1/ping", null, null, NOW).get("Authorization"),
                signer.sign("GET", "h", "/v1/ping", null, null, NOW).get("Authorization"));
    }

    @Test
    void rejectsMalformedAuthorizationHeaders() {
        assertTrue(AuthorizationHeader.parse(null).isEmpty());
        assertTrue(AuthorizationHeader.parse("Bearer abc").isEmpty());
        assertTrue(AuthorizationHeader.parse("AISLE-HMAC-SHA256 Credential=k, SignedHeaders=host, Signature=" + "0".repeat(64)).isEmpty());
        assertTrue(AuthorizationHeader.parse("AISLE-HMAC-SHA256 Credential=k/20261126, SignedHeaders=host, Signature=xyz").isEmpty());
        assertTrue(AuthorizationHeader.parse("AISLE-HMAC-SHA256 Credential=k/20261126, Signature=" + "0".repeat(64)).isEmpty());
    }

    private String signatureOf(String method, String path, String query, byte[] body) {
        return signer.sign(method, "h", path, query, body, NOW, NONCE).get("Authorization");
    }
}
