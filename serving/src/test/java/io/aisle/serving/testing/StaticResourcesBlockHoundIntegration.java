package io.aisle.serving.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The one blocking read the tests tolerate: Spring's static-resource handler reads Swagger UI's
 * files from their jar on the event loop. Only the developer UI goes through it; every API path
 * stays under BlockHound's full watch.
 */
public final class StaticResourcesBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.springframework.web.reactive.resource.PathResourceResolver", "getResource");
        builder.allowBlockingCallsInside("org.springframework.core.io.buffer.DataBufferUtils", "readInputStream");
    }
}
