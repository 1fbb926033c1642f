package io.aisle.serving.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The waits the tests tolerate, each bounded and one-off: Spring's static-resource handler reads
 * Swagger UI's files from their jar on the event loop (only the developer UI goes through it),
 * Jackson builds each type's deserializer once, under a lock two first parses may meet on, and
 * Lettuce guards each connection's write path with a short lock ({@code SharedLock}) that a closing
 * connection and an event-loop write may meet on. BlockHound's error thrown from inside that lock
 * leaves it held, and every later write then spins forever (redis/lettuce#3804, #3880): a test that
 * closes a server under Redis traffic hung that way. A store's input is handed to its owner thread through that
 * executor's {@code LinkedBlockingQueue}: {@code offer} never waits for room, only, now and then, for the queue's
 * lock while the owner thread takes the previous input.
 */
public final class ToleratedWaitsBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver", "getResource");
        builder.allowBlockingCallsInside("org.springframework.core.io.buffer.DataBufferUtils", "readInputStream");
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        builder.allowBlockingCallsInside("tools.jackson.databind.ser.SerializerCache", "addAndResolveNonTypedSerializer");
        builder.allowBlockingCallsInside("java.util.concurrent.LinkedBlockingQueue", "offer");
        for (String method : new String[] {"incrementWriters", "decrementWriters", "doExclusive", "lockWritersExclusive",
                "unlockWritersExclusive"}) {
            builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", method);
        }
    }
}
