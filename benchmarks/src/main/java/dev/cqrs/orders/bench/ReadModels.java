package dev.cqrs.orders.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The query service's read models as its {@code GET /admin/read-models} reports them (consumer group, live collections,
 * lag, delay), and the report's lines about them: each read model's lag at a few points of the run.
 */
final class ReadModels {

    private static final Logger log = LoggerFactory.getLogger(ReadModels.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The query service's read models, should GET /admin/read-models not answer (it lists them when it does). */
    static final List<String> KNOWN_GROUPS = List.of("order-query.order-view", "order-query.order-list",
            "order-query.customer-summary");

    private final OrdersHttp http;
    private final String url;
    private final Topics topics;
    private final List<String> notes;
    private final Stall stall;
    private final List<String> snapshots = new ArrayList<>();

    ReadModels(OrdersHttp http, String queryUrl, Topics topics, List<String> notes, Stall stall) {
        this.http = http;
        this.url = queryUrl + "/admin/read-models";
        this.topics = topics;
        this.notes = notes;
        this.stall = stall;
    }

    /** The collections a read model serves from now: those of the generation its last rebuild switched it to. */
    List<String> liveCollections(String readModel) throws IOException, InterruptedException {
        JsonNode models = list().orElseThrow(() -> new IOException("GET /admin/read-models did not answer 200"));
        for (JsonNode model : models) {
            if (readModel.equals(model.path("readModel").asString())) {
                List<String> collections = new ArrayList<>();
                model.path("collections").forEach(collection -> collections.add(collection.asString()));
                return collections;
            }
        }
        throw new IOException("GET /admin/read-models does not list " + readModel);
    }

    /** Each read model's lag and delay as the query service reports them now, for the report. */
    void snapshot(String when) {
        try {
            list().ifPresent(models -> {
                StringBuilder line = new StringBuilder(when).append(": ");
                for (JsonNode model : models) {
                    line.append(model.path("readModel").asString()).append(" lag ")
                            .append(Markdown.count(model.path("lagRecords").asLong()))
                            .append(" events, delay p50 ").append(Fmt.ms(model.path("delay").path("p50Ms").asDouble(Double.NaN)))
                            .append(" ms; ");
                }
                snapshots.add(line.toString());
            });
        } catch (Exception e) {
            log.debug("no read-model snapshot", e);
        }
    }

    /**
     * Waits until every read model's consumer group has applied the whole topic, so that a measurement meets a query
     * service with nothing to catch up; with a name, records how long that took.
     */
    void awaitCaughtUp(String before, Duration timeout) throws Exception {
        List<String> groups = groups();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lag;
        do {
            lag = 0;
            for (String group : groups) {
                lag += topics.lag(group, Bench.TOPIC);
            }
            if (lag > 0) {
                Thread.sleep(250);
            }
        } while (lag > 0 && System.nanoTime() < deadline);
        if (lag > 0) {
            notes.add(String.format(Locale.ROOT, "%s the read models still lagged %,d events after %d s;"
                    + " it started anyway", before == null ? "A run" : "Before " + before + ",", lag, timeout.toSeconds()));
            notes.addAll(stall.describeOnce(groups));
        }
        if (before != null) {
            snapshots.add(String.format(Locale.ROOT, "before %s: all read models (%s) %s after %.0f s",
                    before, String.join(", ", groups), lag == 0 ? "had caught up" : "still lagged " + lag + " events",
                    (System.nanoTime() - start) / 1e9));
        }
    }

    /** The lines recorded so far, in order. */
    List<String> snapshots() {
        return List.copyOf(snapshots);
    }

    private List<String> groups() throws InterruptedException {
        try {
            Optional<JsonNode> models = list();
            if (models.isPresent()) {
                List<String> groups = new ArrayList<>();
                models.get().forEach(model -> groups.add(model.path("consumerGroup").asString()));
                return groups;
            }
        } catch (IOException e) {
            log.debug("read models unknown; waiting for the known ones {}", KNOWN_GROUPS, e);
        }
        return KNOWN_GROUPS;
    }

    private Optional<JsonNode> list() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send("GET", url, null);
        return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    }
}
