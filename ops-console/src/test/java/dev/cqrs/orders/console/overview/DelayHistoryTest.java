package dev.cqrs.orders.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DelayHistoryTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void keepsAtMostCapacitySamplesPerReadModelOldestFirst() {
        DelayHistory history = new DelayHistory(clock, Duration.ofSeconds(5), 3);
        for (int i = 1; i <= 5; i++) {
            history.offer(readModels(i * 10.0));
            now = now.plusSeconds(5);
        }

        assertThat(history.snapshot().get("order-view")).extracting(DelayHistory.Sample::p50Ms).containsExactly(30.0, 40.0, 50.0);
        assertThat(history.snapshot().get("order-view")).extracting(DelayHistory.Sample::p99Ms).containsExactly(60.0, 80.0, 100.0);
    }

    @Test
    void takesAtMostOneSamplePerIntervalWhateverThePollingRate() {
        DelayHistory history = new DelayHistory(clock, Duration.ofSeconds(5), 10);
        history.offer(readModels(1.0));
        now = now.plusSeconds(2);
        history.offer(readModels(2.0));
        now = now.plusSeconds(3);
        history.offer(readModels(3.0));

        assertThat(history.snapshot().get("order-view")).extracting(DelayHistory.Sample::p50Ms).containsExactly(1.0, 3.0);
    }

    @Test
    void aReadModelWithoutDelayYetGivesAnEmptyPoint() {
        DelayHistory history = new DelayHistory(clock, Duration.ofSeconds(5), 10);
        history.offer(json.readTree("[{\"readModel\":\"order-list\",\"lagRecords\":null,\"delay\":{\"count\":0}}]"));

        DelayHistory.Sample sample = history.snapshot().get("order-list").get(0);
        assertThat(sample.p50Ms()).isNull();
        assertThat(sample.lag()).isNull();
    }

    private JsonNode readModels(double p50) {
        return json.readTree("[{\"readModel\":\"order-view\",\"lagRecords\":1,\"delay\":{\"p50Ms\":" + p50
                + ",\"p99Ms\":" + (p50 * 2) + "}}]");
    }
}
