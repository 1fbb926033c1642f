package io.aisle.serving.events;

import io.aisle.serving.tenancy.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** The embedded {@link UserHistoryStore}: one immutable {@link UserHistory} per user, swapped atomically. */
public final class InMemoryUserHistoryStore implements UserHistoryStore {

    private final ConcurrentHashMap<String, UserHistory> histories = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> apply(List<InteractionEvent> events) {
        for (InteractionEvent event : events) {
            histories.compute(key(event.tenant(), event.user()), (key, old) -> append(old == null ? UserHistory.EMPTY : old, event));
        }
        return Mono.empty();
    }

    @Override
    public Mono<UserHistory> find(TenantId tenant, String user) {
        return Mono.just(histories.getOrDefault(key(tenant, user), UserHistory.EMPTY));
    }

    static UserHistory append(UserHistory old, InteractionEvent event) {
        Set<String> purchased = old.purchased();
        if (event.type() == EventType.PURCHASE && !purchased.contains(event.item())) {
            purchased = new HashSet<>(purchased);
            purchased.add(event.item());
        }
        List<String> recent = new ArrayList<>(UserHistory.MAX_RECENT);
        recent.add(event.item());
        for (String item : old.recentItems()) {
            if (recent.size() == UserHistory.MAX_RECENT) {
                break;
            }
            if (!item.equals(event.item())) {
                recent.add(item);
            }
        }
        return new UserHistory(purchased, recent);
    }

    private static String key(TenantId tenant, String user) {
        return tenant.value() + '\u0000' + user;
    }
}
