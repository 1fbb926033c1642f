package io.aisle.serving.system;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Guards the guard: every serving test runs with BlockHound, so a blocking call on a Reactor thread fails. */
class BlockHoundInstalledTest {

    @Test
    void blockingOnAReactorThreadFailsTheTest() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block());

        assertTrue(String.valueOf(failure.getMessage()).contains("Blocking call"), String.valueOf(failure));
    }
}
