package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.faults.owned.OwnSystemDriver;
import dev.cqrs.orders.qa.report.ReportFiles;
import dev.cqrs.orders.qa.report.SuiteReport;
import dev.cqrs.orders.qa.run.SuiteRun;
import dev.cqrs.orders.qa.system.OwnSystem;

/**
 * The QA suite (module qa-suite) against the shared local system, with every fault kind: concurrent clients drive
 * orders while components are killed, crashed, stopped and rewound; afterwards every acknowledged command must be on
 * the read side exactly once, in order, in every read model, with nothing lost, doubled, stuck or invented.
 * {@code mvn verify} runs the short configuration; QA runs the long one with {@code ./run chaos} (settings:
 * {@link dev.cqrs.orders.qa.config.Setting}). The report is written to target/chaos/report.md and .json.
 */
@EndToEnd
class ChaosIT {

    @Test
    void everyAcknowledgedCommandShowsOnTheReadSideExactlyOnceWhateverDies(LocalSystem system) {
        SuiteConfig config = SuiteConfig.fromEnvironment();
        SuiteReport report;
        try {
            report = new SuiteRun(OwnSystem.target(system), new OwnSystemDriver(system), config).run();
        } finally {
            system.startAll(); // the other suites share this system: leave every component running
        }
        System.out.println(ReportFiles.markdown(report));
        assertThat(report.failures())
                .as("chaos run failed; report: " + config.reportDir().resolve(ReportFiles.MARKDOWN).toAbsolutePath())
                .isEmpty();
    }
}
