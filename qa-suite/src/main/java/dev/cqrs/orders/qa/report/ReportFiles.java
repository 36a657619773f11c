package dev.cqrs.orders.qa.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import dev.cqrs.orders.qa.http.OrdersHttp;
import dev.cqrs.orders.qa.ledger.LedgerFile;

/**
 * Writes a run's files into one directory: report.md (people), report.json (pipelines), TEST-qa-suite.xml (JUnit,
 * one test case per check), ledger.jsonl (for a later {@code --reconcile}), and for a run with load delays.csv (each
 * commit-to-visible sample), lag.csv (each group's backlog over time) and publish.csv (each event's commit-to-published
 * delay).
 */
public final class ReportFiles {

    public static final String MARKDOWN = "report.md";
    public static final String JSON = "report.json";
    public static final String JUNIT = "TEST-qa-suite.xml";
    public static final String LEDGER = "ledger.jsonl";

    private ReportFiles() {
    }

    public static String markdown(SuiteReport report) {
        return new MarkdownReport(report).render();
    }

    public static void write(SuiteReport b, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKDOWN), markdown(b), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(JSON), OrdersHttp.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new JsonReport(b).render()), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(JUNIT), new JUnitReport(b).render(), StandardCharsets.UTF_8);
            if (b.mode == SuiteReport.Mode.RUN) {
                LedgerFile.write(dir.resolve(LEDGER), b.ledger);
                writeCsvs(b, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + dir, e);
        }
    }

    private static void writeCsvs(SuiteReport b, Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("acknowledged_at_ms,delay_ms\n");
        b.delayTimeline.stream().sorted(Comparator.comparingLong(sample -> sample[0]))
                .forEach(sample -> csv.append(sample[0]).append(',').append(sample[1]).append('\n'));
        Files.writeString(dir.resolve("delays.csv"), csv.toString(), StandardCharsets.UTF_8);
        StringBuilder lag = new StringBuilder("at_ms,group,records_not_committed\n");
        b.backlog.forEach(point -> point.lagByGroup().forEach((group, records) ->
                lag.append(point.atMillis()).append(',').append(group).append(',').append(records).append('\n')));
        Files.writeString(dir.resolve("lag.csv"), lag.toString(), StandardCharsets.UTF_8);
        StringBuilder published = new StringBuilder("occurred_at_ms,publish_delay_ms\n");
        long start = b.startedAt == null ? 0 : b.startedAt.toEpochMilli();
        if (b.topic != null) {
            b.topic.publications().stream().sorted(Comparator.comparingLong(entry -> entry[0]))
                    .forEach(entry -> published.append(entry[0] - start).append(',').append(entry[1]).append('\n'));
        }
        Files.writeString(dir.resolve("publish.csv"), published.toString(), StandardCharsets.UTF_8);
    }
}
