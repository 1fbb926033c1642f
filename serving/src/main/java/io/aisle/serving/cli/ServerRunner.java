package io.aisle.serving.cli;

import io.aisle.serving.AisleServer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Runs the server in the foreground until the JVM is asked to stop (Ctrl-C, SIGTERM). */
final class ServerRunner {

    private ServerRunner() {
    }

    /** Starts the server, lets {@code onStarted} print where to look, then blocks until shutdown. */
    static int runUntilStopped(Map<String, Object> overrides, Consumer<ConfigurableApplicationContext> onStarted) {
        ConfigurableApplicationContext context = AisleServer.start(overrides);
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        onStarted.accept(context);
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
