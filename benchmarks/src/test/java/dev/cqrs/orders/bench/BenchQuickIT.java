package dev.cqrs.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps the harness working: the whole of {@code ./run bench --quick} (every phase against a real system, tiny sizes),
 * then checks that the report has all six figures with numbers and that the plot was drawn. Whether the goals are
 * met is the report's business, not this test's.
 */
class BenchQuickIT {

    private static final Pattern NUMBER = Pattern.compile("[0-9]");

    @Test
    void quickRunWritesAReportWithEveryFigure() throws Exception {
        Path work = Path.of(property("bench.workDir", "target/bench-quick-it")).toAbsolutePath();
        Settings settings = Settings.quick(work.resolve("work"), work.resolve("report"),
                jar("bench.stackJar", "../local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar"),
                jar("bench.commandJar", "../order-command-service/target/order-command-service-0.1.0-SNAPSHOT-exec.jar"),
                jar("bench.queryJar", "../order-query-service/target/order-query-service-0.1.0-SNAPSHOT-exec.jar"));

        Path report = BenchMain.run(settings);

        String markdown = Files.readString(report, StandardCharsets.UTF_8);
        // First in every failure message: CI keeps only the head and tail of a long one, and the notes say why a phase
        // failed or waited in vain (with the diagnosis of a stalled read side).
        String notes = markdown.contains("## Notes") ? markdown.substring(markdown.indexOf("## Notes")) : "no notes";
        List<String> rows = markdown.lines().filter(line -> line.matches("\\| P[1-6] \\|.*")).toList();
        for (String id : List.of("P1", "P2", "P3", "P4", "P5", "P6")) {
            List<String> figures = rows.stream().filter(row -> row.startsWith("| " + id + " |")).toList();
            assertThat(figures).as("summary rows of %s in%n%s%n%s", id, notes, markdown).isNotEmpty();
            for (String figure : figures) {
                String[] cells = figure.split("\\|");
                String ours = cells[3].trim();
                assertThat(ours).as("%s's measured value in: %s%n%s%nThe whole report:%n%s", id, figure, notes, markdown).doesNotContain("n/a");
                assertThat(NUMBER.matcher(ours).find()).as("%s has a number in: %s%n%s", id, figure, notes).isTrue();
            }
        }
        // Every figure that has a baseline measured it too.
        for (String id : List.of("P1", "P2", "P3", "P4", "P5")) {
            String row = rows.stream().filter(line -> line.startsWith("| " + id + " |")).findFirst().orElseThrow();
            assertThat(row.split("\\|")[4]).as("%s's baseline in: %s%n%s", id, row, notes).doesNotContain("n/a").containsPattern("[0-9]");
            assertThat(row.split("\\|")[5]).as("%s's ratio in: %s%n%s", id, row, notes).doesNotContain("n/a");
        }
        assertThat(markdown).contains("## Where the time goes (P1, JFR)").contains("jdk.ExecutionSample")
                .contains("cores").contains("load average");
        Path plot = report.resolveSibling(CommitToVisible.PLOT_FILE);
        assertThat(plot).isRegularFile();
        byte[] png = Files.readAllBytes(plot);
        assertThat(png.length).isGreaterThan(5_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
    }

    private static Path jar(String property, String fallback) {
        Path jar = Path.of(property(property, fallback)).toAbsolutePath().normalize();
        assertThat(jar).as("executable jar (%s): build it first", property).isRegularFile();
        return jar;
    }
}
