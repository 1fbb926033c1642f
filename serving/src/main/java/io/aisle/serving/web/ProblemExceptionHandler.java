package io.aisle.serving.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * Maps every failure that reaches the edge to a problem+json response: {@link ApiProblem}s as
 * they are, framework input errors to 400/405/413/415, anything else to a bare 500 whose body
 * says nothing about the cause (the cause goes to the log). A connection the client already closed gets
 * nothing, and only a debug line. Runs before Boot's own handler.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (clientWentAway(failure)) {
            // Nobody is left to answer: a client that hung up, or a long poll cut by a shutdown.
            log.debug("connection closed before the answer to {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), failure);
            return Mono.empty();
        }
        return ProblemResponses.write(exchange, toProblem(exchange, failure));
    }

    private static boolean clientWentAway(Throwable failure) {
        return causedBy(failure, AbortedException.class) || AbortedException.isConnectionReset(failure);
    }

    static ApiProblem toProblem(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            return problem;
        }
        if (causedBy(failure, DataBufferLimitException.class)) {
            return new ApiProblem(ProblemType.TOO_LARGE, "the request body exceeds the size limit");
        }
        if (failure instanceof UnsupportedMediaTypeStatusException) {
            return new ApiProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json");
        }
        if (failure instanceof MethodNotAllowedException) {
            return new ApiProblem(ProblemType.METHOD_NOT_ALLOWED, exchange.getRequest().getMethod() + " is not allowed on this path");
        }
        if (failure instanceof ServerWebInputException || causedBy(failure, DecodingException.class)) {
            return new ApiProblem(ProblemType.MALFORMED_BODY, "the body could not be read as the expected JSON");
        }
        if (failure instanceof ResponseStatusException status && status.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
            return ApiProblem.notFound("no such resource: " + exchange.getRequest().getPath().value());
        }
        log.error("unhandled failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        return new ApiProblem(ProblemType.INTERNAL, "the server failed to answer this request");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
