package io.aisle.serving.tenancy;

import java.util.regex.Pattern;

/** A tenant's id: 1-40 lower-case letters, digits and dashes, safe in keys, topics and paths. */
public record TenantId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("tenant id must match " + VALID + " but was " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
