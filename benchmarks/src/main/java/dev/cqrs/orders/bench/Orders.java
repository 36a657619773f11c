package dev.cqrs.orders.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Creates orders through the command API, counts them, and keeps the first ids for the phases that read them back. */
final class Orders {

    private static final int KEPT_IDS = 200_000;

    private final OrdersHttp http;
    private final List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong created = new AtomicLong();

    Orders(OrdersHttp http) {
        this.http = http;
    }

    /** POST /orders with the next sample order; its id, or null when it was not created. */
    UUID create() throws IOException, InterruptedException {
        UUID id = http.create(SampleOrder.next());
        if (id != null) {
            created.incrementAndGet();
            if (ids.size() < KEPT_IDS) {
                ids.add(id);
            }
        }
        return id;
    }

    /** {@code clients} clients, each creating its next order as soon as its last one was answered. */
    Load.ClosedLoopResult closedLoop(int clients, Duration warmup, Duration measure) throws InterruptedException {
        return Load.closedLoop(clients, warmup, measure, client -> () -> create() != null);
    }

    /** Orders created so far. */
    long created() {
        return created.get();
    }

    List<UUID> ids() {
        return List.copyOf(ids);
    }
}
