package io.aisle.serving.console;

import java.net.URI;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the console's page at {@code /console/}: its files are static resources
 * ({@code classpath:/static/console/}), public like Swagger UI since they hold no tenant data, and WebFlux maps a
 * folder to its {@code index.html} only at the root. {@code /console} redirects to {@code /console/} so the page's
 * relative module paths resolve.
 */
@Component
@Order(-200)
public final class ConsoleIndexFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.equals("/console")) {
            exchange.getResponse().setStatusCode(HttpStatus.FOUND);
            exchange.getResponse().getHeaders().setLocation(URI.create("/console/"));
            return exchange.getResponse().setComplete();
        }
        if (path.equals("/console/")) {
            return chain.filter(exchange.mutate().request(request -> request.path("/console/index.html")).build());
        }
        return chain.filter(exchange);
    }
}
