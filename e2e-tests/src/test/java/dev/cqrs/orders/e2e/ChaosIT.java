package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.e2e.chaos.ChaosConfig;
import dev.cqrs.orders.e2e.chaos.ChaosReport;
import dev.cqrs.orders.e2e.chaos.ChaosRun;
import dev.cqrs.orders.local.LocalSystem;

/**
 * The chaos suite: concurrent clients drive orders while components are killed, stopped and rewound; afterwards
 * every acknowledged command must be on the read side exactly once, in order, with nothing lost, doubled, stuck or
 * invented. {@code mvn verify} runs the short configuration; QA runs the long one with {@code ./run chaos}
 * (settings: {@link ChaosConfig}). The report is written to target/chaos/chaos-report.md and .json.
 */
@EndToEnd
class ChaosIT {

    @Test
    void everyAcknowledgedCommandShowsOnTheReadSideExactlyOnceWhateverDies(LocalSystem system) {
        ChaosConfig config = ChaosConfig.fromEnvironment();
        ChaosReport report;
        try {
            report = new ChaosRun(system, config).run();
        } finally {
            system.startAll(); // the other suites share this system: leave every component running
        }
        System.out.println(report.markdown());
        assertThat(report.failures())
                .as("chaos run failed; report: " + config.reportDir().resolve("chaos-report.md").toAbsolutePath())
                .isEmpty();
    }
}
