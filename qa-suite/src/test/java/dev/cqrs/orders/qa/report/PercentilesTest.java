package dev.cqrs.orders.qa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverUnsortedSamples() {
        List<Long> samples = new ArrayList<>(LongStream.rangeClosed(1, 100).boxed().toList());
        Collections.shuffle(samples);
        assertThat(Percentiles.of(samples)).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
    }

    @Test
    void fewSamples() {
        assertThat(Percentiles.of(List.of())).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
        assertThat(Percentiles.of(List.of(7L))).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
        assertThat(Percentiles.of(List.of(1L, 1000L))).isEqualTo(new Percentiles(2, 1, 1000, 1000, 1000));
    }
}
