package dev.cqrs.orders.query.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Which read models' listeners have joined their consumer group at least once since start (their first partition
 * assignment, empty or not): until then a replica receives no events, however ready it looks.
 */
@Component
public class ListenerAssignments {

    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    void joined(String readModel) {
        joined.add(readModel);
    }

    public boolean joined(java.util.Collection<String> readModels) {
        return joined.containsAll(readModels);
    }
}
