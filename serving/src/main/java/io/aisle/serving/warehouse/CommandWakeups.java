package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.RobotCommand;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wakes the long polls and command streams of a robot when a tick plans it a command, so they ask the dispatcher
 * at once instead of at their next poll. One sink per robot, fed only by the dispatcher's command listener on the
 * ticking thread (so emissions never race); a wake-up with nobody waiting is dropped. A wake-up is a hint: the
 * command may still be held until the robot ahead confirms leaving, which the waiting side's regular poll finds.
 */
public final class CommandWakeups {

    private final Map<String, Sinks.Many<Long>> sinks;

    public CommandWakeups(Set<String> robotIds) {
        this.sinks = robotIds.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                robot -> Sinks.many().multicast().directBestEffort()));
    }

    /** The dispatcher's command listener: runs on the ticking thread. */
    public void onCommand(RobotCommand command) {
        Sinks.Many<Long> sink = sinks.get(command.robotId());
        if (sink != null) {
            sink.tryEmitNext(command.sequence());
        }
    }

    /** Sequences of commands planned for the robot from now on; empty for an unknown robot. */
    public Flux<Long> wakeups(String robotId) {
        Sinks.Many<Long> sink = sinks.get(robotId);
        return sink == null ? Flux.empty() : sink.asFlux();
    }
}
