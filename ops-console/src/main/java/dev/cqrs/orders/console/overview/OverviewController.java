package dev.cqrs.orders.console.overview;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import dev.cqrs.orders.console.ConsoleProperties;
import dev.cqrs.orders.console.upstream.Services;
import dev.cqrs.orders.console.upstream.Upstream;
import jakarta.annotation.PreDestroy;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/overview}: the four panels, fetched from both services in parallel with the operator's credential,
 * each one on its own (a sick service empties its panels, with the reason, and nothing else).
 */
@RestController
class OverviewController {

    private final Services services;
    private final DelayHistory history;
    private final ExecutorService calls = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "console-upstream");
        thread.setDaemon(true);
        return thread;
    });

    OverviewController(Services services, ConsoleProperties properties) {
        this.services = services;
        this.history = new DelayHistory(Clock.systemUTC(), properties.sampleInterval(), properties.samples());
    }

    @GetMapping("/api/overview")
    Overview overview(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        var relay = async(() -> services.command().get(authorization, "/admin/relay"));
        var readModels = async(() -> services.query().get(authorization, "/admin/read-models"));
        var deadLetters = async(() -> services.query().get(authorization, "/admin/dead-letters?status=OPEN&limit=500"));
        var rebuilds = async(() -> services.query().get(authorization, "/admin/rebuilds"));
        Upstream models = readModels.join();
        if (models.ok()) {
            history.offer(models.body());
        }
        return new Overview(java.time.Instant.now(), Panel.of(relay.join()), Panel.of(models),
                Panel.of(deadLetters.join()), Panel.of(rebuilds.join()), history.snapshot());
    }

    private CompletableFuture<Upstream> async(Supplier<Upstream> call) {
        return CompletableFuture.supplyAsync(call, calls);
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }
}
