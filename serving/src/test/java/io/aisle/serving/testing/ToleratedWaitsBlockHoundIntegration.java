package io.aisle.serving.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The waits the tests tolerate, each bounded and one-off: Spring's static-resource handler reads
 * Swagger UI's files from their jar on the event loop (only the developer UI goes through it),
 * and Jackson builds each type's deserializer once, under a lock two first parses may meet on.
 */
public final class ToleratedWaitsBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver", "getResource");
        builder.allowBlockingCallsInside("org.springframework.core.io.buffer.DataBufferUtils", "readInputStream");
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        builder.allowBlockingCallsInside("tools.jackson.databind.ser.SerializerCache", "addAndResolveNonTypedSerializer");
    }
}
