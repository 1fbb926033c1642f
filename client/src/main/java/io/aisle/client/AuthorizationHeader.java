package io.aisle.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code Authorization: AISLE-HMAC-SHA256 Credential=KEY/DATE, SignedHeaders=a;b, Signature=HEX}.
 */
public record AuthorizationHeader(String keyId, String credentialDate, List<String> signedHeaders, String signature) {

    public AuthorizationHeader {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** Empty when the header is absent, of another scheme, or malformed in any part. */
    public static Optional<AuthorizationHeader> parse(String header) {
        if (header == null || !header.startsWith(RequestSigner.ALGORITHM + " ")) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : header.substring(RequestSigner.ALGORITHM.length() + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                return Optional.empty();
            }
            fields.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
        }
        String credential = fields.get("Credential");
        String signedHeaders = fields.get("SignedHeaders");
        String signature = fields.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return Optional.empty();
        }
        int slash = credential.indexOf('/');
        if (slash <= 0 || slash == credential.length() - 1 || !signature.matches("[0-9a-f]{64}")
                || signedHeaders.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuthorizationHeader(credential.substring(0, slash), credential.substring(slash + 1),
                List.of(signedHeaders.split(";")), signature));
    }
}
