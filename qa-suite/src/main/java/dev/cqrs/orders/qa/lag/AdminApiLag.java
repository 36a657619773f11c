package dev.cqrs.orders.qa.lag;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.cqrs.orders.qa.http.OrdersHttp;
import tools.jackson.databind.JsonNode;

/**
 * {@link ConsumerLag} as the query service reports it ({@code GET /admin/read-models}, admin credential): for targets
 * whose Kafka the suite cannot reach. The service measures every few seconds, so a figure older than {@code notBefore}
 * counts as unknown.
 */
public final class AdminApiLag implements ConsumerLag {

    private final OrdersHttp http;
    private final String authorization;
    private volatile Instant notBefore = Instant.EPOCH;

    public AdminApiLag(OrdersHttp http, String authorization) {
        this.http = http;
        this.authorization = authorization;
    }

    @Override
    public void freshAfter(Instant moment) {
        notBefore = moment;
    }

    @Override
    public SortedMap<String, Long> lagByGroup() {
        OrdersHttp.Exchange reply = http.readModels(authorization);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET /admin/read-models answered " + reply.describe());
        }
        SortedMap<String, Long> lags = new TreeMap<>();
        for (JsonNode readModel : reply.json()) {
            JsonNode lag = readModel.path("lagRecords");
            JsonNode measuredAt = readModel.path("lagMeasuredAt");
            if (lag.isNull() || lag.isMissingNode() || measuredAt.isNull() || measuredAt.isMissingNode()
                    || Instant.parse(measuredAt.asString()).isBefore(notBefore)) {
                throw new IllegalStateException("the lag of " + readModel.path("readModel").asString() + " is not measured yet");
            }
            lags.put(readModel.path("consumerGroup").asString(), lag.asLong());
        }
        return lags;
    }

    @Override
    public String source() {
        return "GET /admin/read-models of the query service";
    }

    @Override
    public void close() {
        // nothing held
    }
}
