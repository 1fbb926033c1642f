package io.aisle.serving.web;

import java.util.Optional;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Query parameters read the one way every route reads them: a bad value is a 400 naming the parameter and its range. */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * The integer parameter {@code name}, or {@code defaultValue} when absent.
     *
     * @throws ApiProblem 400 when it is not an integer in {@code [min, max]}
     */
    public static long longParam(ServerRequest request, String name, long defaultValue, long min, long max) {
        Optional<String> text = request.queryParam(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw ApiProblem.invalid(name + " must be an integer in [" + min + ", " + max + "] but was '" + text.get() + "'");
    }
}
