package dev.cqrs.orders.query.orderview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OverflowWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("overflow-warning-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final OverflowWarning warning;

    OverflowWarningTest() {
        lines.start();
        logger.addAppender(lines);
        warning = new OverflowWarning(logger, 500, Duration.ofSeconds(10), now::get);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void saysItOnceAnIntervalWithHowManyWereAnsweredAtOnce() {
        warning.overflowed();
        for (int i = 0; i < 2_000; i++) {
            warning.overflowed();
        }
        assertThat(messages()).hasSize(1);
        assertThat(messages().get(0)).contains("500 requests are already waiting", ": 1 more answered at once");

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        warning.overflowed();

        assertThat(messages()).hasSize(2);
        assertThat(messages().get(1)).contains(": 2001 more answered at once");
    }

    @Test
    void staysQuietWithoutOverflow() {
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(messages()).isEmpty();
        warning.overflowed();
        assertThat(messages()).singleElement().asString().contains(": 1 more answered at once");
    }
}
