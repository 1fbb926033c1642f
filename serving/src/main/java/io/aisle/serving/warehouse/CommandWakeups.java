package io.aisle.serving.warehouse;

import io.aisle.robotics.dispatch.RobotCommand;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wakes the long polls and command streams of a robot when a tick plans it a command, so they ask the dispatcher
 * at once instead of at their next poll. One sink per robot, fed only by the dispatcher's command listener on the
 * ticking thread (so emissions never race); a wake-up with nobody waiting is dropped. A sink is made on first use,
 * since robots join the fleet while it runs. A wake-up is a hint: the
 * command may still be held until the robot ahead confirms leaving, which the waiting side's regular poll finds.
 */
public final class CommandWakeups {

    private final ConcurrentMap<String, Sinks.Many<Long>> sinks = new ConcurrentHashMap<>();

    /** The dispatcher's command listener: runs on the ticking thread. */
    public void onCommand(RobotCommand command) {
        sink(command.robotId()).tryEmitNext(command.sequence());
    }

    /** Sequences of commands planned for the robot from now on. */
    public Flux<Long> wakeups(String robotId) {
        return sink(robotId).asFlux();
    }

    private Sinks.Many<Long> sink(String robotId) {
        return sinks.computeIfAbsent(robotId, robot -> Sinks.many().multicast().directBestEffort());
    }
}
