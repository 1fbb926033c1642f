package io.aisle.serving.testing;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The operations a running server answers and those its OpenAPI description lists, as method and path
 * template pairs ({@code GET /v1/stores/{store}/receipts}), so the two can be compared.
 */
public final class ApiOperations {

    private static final Set<String> OPENAPI_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private ApiOperations() {
    }

    /** One operation; {@code path} is a template with {@code {name}} variables. */
    public record Operation(String method, String path) implements Comparable<Operation> {

        private static final Comparator<Operation> ORDER = Comparator.comparing(Operation::path).thenComparing(Operation::method);

        @Override
        public int compareTo(Operation other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every method and path of the context's {@link RouterFunction} beans, read with the router visitor. */
    public static SortedSet<Operation> routed(ApplicationContext context) {
        SortedSet<Operation> operations = new TreeSet<>();
        for (RouterFunction<?> router : context.getBeansOfType(RouterFunction.class).values()) {
            router.accept(new RouteVisitor(operations));
        }
        return operations;
    }

    /** Every operation of an OpenAPI document. */
    public static SortedSet<Operation> described(JsonNode openApi) {
        SortedSet<Operation> operations = new TreeSet<>();
        openApi.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (OPENAPI_METHODS.contains(entry.getKey())) {
                operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        return operations;
    }

    /** The operation among {@code operations} that answers a request, the most specific when several match. */
    public static Optional<Operation> find(Collection<Operation> operations, String method, String rawPath) {
        PathContainer path = PathContainer.parsePath(rawPath);
        return operations.stream().filter(operation -> operation.method().equals(method))
                .map(operation -> Map.entry(PathPatternParser.defaultInstance.parse(operation.path()), operation))
                .filter(candidate -> candidate.getKey().matches(path))
                .min(Map.Entry.comparingByKey(PathPattern.SPECIFICITY_COMPARATOR))
                .map(Map.Entry::getValue);
    }

    /**
     * Whether an annotated handler mapping of the context (the actuator's) answers the operation: a path with
     * every variable filled in matches one of its patterns, for the operation's method.
     */
    public static boolean isMapped(ApplicationContext context, Operation operation) {
        PathContainer path = PathContainer.parsePath(operation.path().replaceAll("\\{[^}]+}", "x"));
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                boolean methodMatches = methods.isEmpty() || methods.contains(RequestMethod.valueOf(operation.method()));
                if (methodMatches && info.getPatternsCondition().getPatterns().stream().anyMatch(pattern -> pattern.matches(path))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Collects each route's methods and path. A predicate it cannot read (an or, a negation, one of another kind)
     * fails loudly: a route it silently skipped would go unchecked.
     */
    private static final class RouteVisitor implements RouterFunctions.Visitor {

        private final Set<Operation> operations;
        private final Deque<String> prefixes = new ArrayDeque<>();

        RouteVisitor(Set<Operation> operations) {
            this.operations = operations;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            PredicateVisitor nested = PredicateVisitor.of(predicate);
            if (!nested.methods.isEmpty()) {
                throw new IllegalStateException("a nested router with a method predicate is not read: " + predicate);
            }
            prefixes.push(currentPrefix() + nested.path);
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            prefixes.pop();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            PredicateVisitor route = PredicateVisitor.of(predicate);
            if (route.methods.isEmpty() || route.path.isEmpty()) {
                throw new IllegalStateException("a route without a method and a path is not read: " + predicate);
            }
            route.methods.forEach(method -> operations.add(new Operation(method.name(), currentPrefix() + route.path)));
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
            throw new IllegalStateException("resource routes are not read: " + lookupFunction);
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
            // Attributes change no method or path.
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            throw new IllegalStateException("a router of this kind is not read: " + routerFunction);
        }

        private String currentPrefix() {
            return prefixes.isEmpty() ? "" : prefixes.peek();
        }
    }

    private static final class PredicateVisitor implements RequestPredicates.Visitor {

        private final Set<HttpMethod> methods = new HashSet<>();
        private String path = "";

        static PredicateVisitor of(RequestPredicate predicate) {
            PredicateVisitor visitor = new PredicateVisitor();
            predicate.accept(visitor);
            return visitor;
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            this.methods.addAll(methods);
        }

        @Override
        public void path(String pattern) {
            path = pattern;
        }

        @Override
        public void pathExtension(String extension) {
            throw unreadable("path extension " + extension);
        }

        @Override
        public void header(String name, String value) {
            // A header condition narrows a route but does not change its method or path.
        }

        @Override
        public void queryParam(String name, String value) {
            // As a header condition.
        }

        @Override
        public void version(String version) {
            throw unreadable("API version " + version);
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
            throw unreadable("or");
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
            throw unreadable("negation");
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            throw unreadable(predicate.toString());
        }

        private static IllegalStateException unreadable(String what) {
            return new IllegalStateException("a route predicate with " + what + " is not read");
        }
    }
}
