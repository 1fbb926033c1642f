package io.aisle.serving.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.channel.AbortedException;

@ExtendWith(OutputCaptureExtension.class)
class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    @Test
    void aConnectionTheClientClosedGetsNoAnswerAndNoErrorLine(CapturedOutput output) {
        List<Throwable> closed = List.of(new AbortedException("Connection has been closed BEFORE send operation"),
                new IllegalStateException("while answering", new AbortedException("closed")),
                new IOException("Connection reset by peer"));
        for (Throwable failure : closed) {
            MockServerWebExchange exchange = MockServerWebExchange.from(
                    MockServerHttpRequest.get("/v1/warehouses/w1/robots/r1/commands"));

            handler.handle(exchange, failure).block();

            assertNull(exchange.getResponse().getStatusCode(), failure.toString());
        }
        assertFalse(output.getAll().contains("unhandled failure"), output.getAll());
    }

    @Test
    void anyOtherFailureIsABare500ProblemWithItsCauseInTheLog(CapturedOutput output) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/ping"));

        handler.handle(exchange, new IllegalStateException("the cause")).block();

        assertEquals(500, exchange.getResponse().getStatusCode().value());
        String body = exchange.getResponse().getBodyAsString().block();
        assertTrue(body.contains("\"status\":500"), body);
        assertFalse(body.contains("the cause"), body);
        assertTrue(output.getAll().contains("unhandled failure on GET /v1/ping"), output.getAll());
    }
}
