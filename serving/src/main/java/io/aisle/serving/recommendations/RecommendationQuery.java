package io.aisle.serving.recommendations;

import io.aisle.serving.web.ApiProblem;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Parameter checks shared by the recommendation endpoints; each failure is a 400 naming the parameter. */
final class RecommendationQuery {

    static final int DEFAULT_K = 10;
    static final int MAX_K = 100;
    static final int MAX_LIST = 100;
    private static final Pattern ID = Pattern.compile("[^\\p{Cntrl}]{1,256}");

    private RecommendationQuery() {
    }

    static int k(Optional<String> raw) {
        if (raw.isEmpty()) {
            return DEFAULT_K;
        }
        try {
            int k = Integer.parseInt(raw.get());
            if (k >= 1 && k <= MAX_K) {
                return k;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ApiProblem.invalid("k must be an integer from 1 to " + MAX_K + " but was " + raw.get());
    }

    static int k(Integer raw) {
        return raw == null ? DEFAULT_K : k(Optional.of(raw.toString()));
    }

    static String id(String value, String name) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiProblem.invalid(name + " must be 1-256 characters without control characters");
        }
        return value;
    }

    static String requiredParam(ServerRequest request, String name) {
        return id(request.queryParam(name).orElseThrow(() -> ApiProblem.invalid(name + " is required")), name);
    }

    static List<String> ids(List<String> values, String name) {
        if (values.size() > MAX_LIST) {
            throw ApiProblem.invalid(name + " may hold at most " + MAX_LIST + " items but held " + values.size());
        }
        return values.stream().map(value -> id(value, name + " item")).toList();
    }
}
