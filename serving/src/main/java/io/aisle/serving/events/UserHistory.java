package io.aisle.serving.events;

import java.util.List;
import java.util.Set;

/**
 * What the server remembers of a user for recommendations: items bought (filtered out of
 * for-you) and the most recent items touched, newest first.
 */
public record UserHistory(Set<String> purchased, List<String> recentItems) {

    public static final int MAX_RECENT = 50;
    public static final UserHistory EMPTY = new UserHistory(Set.of(), List.of());

    public UserHistory {
        purchased = Set.copyOf(purchased);
        recentItems = List.copyOf(recentItems);
    }
}
