package dev.cqrs.orders.console.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the page shows, in one answer of {@code GET /api/overview}. */
record Overview(Instant at, Panel relay, Panel readModels, Panel deadLetters, Panel rebuilds,
                Map<String, List<DelayHistory.Sample>> delayHistory) {
}
