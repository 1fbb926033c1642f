package io.aisle.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Aisle API requests with AISLE-HMAC-SHA256, modelled on AWS Signature Version 4.
 *
 * <pre>
 * string to sign = "AISLE-HMAC-SHA256" \n DATE_TIME \n KEY_ID/DATE \n HEX(SHA256(canonical request))
 * signing key    = HMAC-SHA256("AISLE" + secret, DATE)          (DATE is yyyyMMdd, UTC)
 * signature      = HEX(HMAC-SHA256(signing key, string to sign))
 * Authorization: AISLE-HMAC-SHA256 Credential=KEY_ID/DATE, SignedHeaders=host;x-aisle-date;x-aisle-nonce, Signature=...
 * </pre>
 * The server refuses a signature it has seen before; the signed random {@code x-aisle-nonce}
 * lets a client send the same request twice within one second.
 * The day-scoped signing key means a leaked signing key is useless the next day. Instances are
 * immutable and thread-safe.
 */
public final class RequestSigner {

    public static final String ALGORITHM = "AISLE-HMAC-SHA256";
    public static final String DATE_HEADER = "x-aisle-date";
    /** A random value per request, so two identical requests in one second sign differently. */
    public static final String NONCE_HEADER = "x-aisle-nonce";
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    });

    private final String keyId;
    private final byte[] secret;

    public RequestSigner(String keyId, String secret) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.secret = ("AISLE" + Objects.requireNonNull(secret, "secret")).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the headers to send: {@code x-aisle-date}, {@code x-aisle-nonce} and
     * {@code Authorization}. The caller
     * sends {@code host} itself (HTTP clients do), with the same value as {@code host} here.
     *
     * @param host the Host header as the server will see it, for example {@code 127.0.0.1:8080}
     * @param rawPath the percent-encoded path; {@code rawQuery} the query as sent, or null
     */
    public Map<String, String> sign(String method, String host, String rawPath, String rawQuery, byte[] body, Instant now) {
        return sign(method, host, rawPath, rawQuery, body, now, HexFormat.of().formatHex(nonce()));
    }

    /** As {@link #sign(String, String, String, String, byte[], Instant)}, with a given nonce (for tests). */
    public Map<String, String> sign(String method, String host, String rawPath, String rawQuery, byte[] body, Instant now,
            String nonce) {
        String dateTime = DATE_TIME.format(now);
        String date = DATE.format(now);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", host);
        signed.put(DATE_HEADER, dateTime);
        signed.put(NONCE_HEADER, nonce);
        String canonical = CanonicalRequest.of(method, rawPath, rawQuery, signed, body);
        String signature = signature(dateTime, date, canonical);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DATE_HEADER, dateTime);
        headers.put(NONCE_HEADER, signed.get(NONCE_HEADER));
        headers.put("Authorization", ALGORITHM + " Credential=" + keyId + "/" + date
                + ", SignedHeaders=" + CanonicalRequest.signedHeaderNames(signed)
                + ", Signature=" + signature);
        return headers;
    }

    /** The hex signature of a canonical request; the server calls this with the stored secret. */
    public String signature(String dateTime, String date, String canonicalRequest) {
        String stringToSign = ALGORITHM + "\n" + dateTime + "\n" + keyId + "/" + date + "\n"
                + CanonicalRequest.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = hmac(secret, date.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hmac(signingKey, stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        // Looking a Mac up costs more than the HMAC of a short text; init() re-keys the per-thread one.
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC-SHA256 key of any length is valid", e);
        }
    }
}
