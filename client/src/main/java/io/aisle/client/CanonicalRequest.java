package io.aisle.client;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text both the signer and the server hash, in the manner of AWS Signature Version 4:
 * <pre>
 * METHOD \n RAW_PATH \n SORTED_QUERY \n CANONICAL_HEADERS \n SIGNED_HEADER_NAMES \n HEX(SHA256(body))
 * </pre>
 * For example {@code GET /v1/recommendations/also-bought?k=5&item=milk} with headers
 * {@code host} and {@code x-aisle-date} gives
 * <pre>
 * GET
 * /v1/recommendations/also-bought
 * item=milk&amp;k=5
 * host:127.0.0.1:8080
 * x-aisle-date:20261126T101500Z
 *
 * host;x-aisle-date
 * e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
 * </pre>
 * The query is decoded, re-encoded per RFC 3986 and sorted by name then value, so equivalent
 * encodings sign alike. Header names are lower-cased and sorted; values are trimmed.
 */
public final class CanonicalRequest {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });
    private static final String EMPTY_BODY_SHA256 = sha256Hex(new byte[0]);

    private CanonicalRequest() {
    }

    /**
     * @param rawPath the path exactly as sent, still percent-encoded, without the query
     * @param rawQuery the query exactly as sent, or null or empty for none
     * @param signedHeaders the headers to sign, by name; names in any case
     */
    public static String of(String method, String rawPath, String rawQuery,
            Map<String, String> signedHeaders, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        SortedMap<String, String> headers = lowerCased(signedHeaders);
        StringBuilder text = new StringBuilder(256)
                .append(method.toUpperCase(Locale.ROOT)).append('\n')
                .append(rawPath.isEmpty() ? "/" : rawPath).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        headers.forEach((name, value) -> text.append(name).append(':').append(value.trim()).append('\n'));
        text.append('\n')
                .append(String.join(";", headers.keySet())).append('\n')
                .append(body == null || body.length == 0 ? EMPTY_BODY_SHA256 : sha256Hex(body));
        return text.toString();
    }

    /** Lower-case, semicolon-separated, sorted header names, as the Authorization header lists them. */
    public static String signedHeaderNames(Map<String, String> signedHeaders) {
        return String.join(";", lowerCased(signedHeaders).keySet());
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            String value = equals < 0 ? "" : part.substring(equals + 1);
            pairs.add(new String[] {canonical(name), canonical(value)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    public static String sha256Hex(byte[] bytes) {
        // digest() resets the per-thread instance, so it is ready for the next call.
        return HexFormat.of().formatHex(SHA256.get().digest(bytes));
    }

    private static SortedMap<String, String> lowerCased(Map<String, String> headers) {
        SortedMap<String, String> sorted = new TreeMap<>();
        headers.forEach((name, value) -> sorted.put(name.toLowerCase(Locale.ROOT), value));
        return sorted;
    }

    /** Text of unreserved characters only is its own decoding and encoding; most ids and numbers are. */
    private static String canonical(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!unreserved) {
                return encode(decode(text));
            }
        }
        return text;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 unreserved characters stay; everything else is percent-encoded, space as %20. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
