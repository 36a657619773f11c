package dev.cqrs.orders.qa;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

import dev.cqrs.orders.fixtures.qa.cycle.one.First;
import dev.cqrs.orders.fixtures.qa.cycle.two.Second;
import dev.cqrs.orders.qa.faults.kubernetes.KubernetesDriver;
import dev.cqrs.orders.qa.run.SuiteRun;

/** Each rule of {@link ArchitectureTest} catches classes that break it, and the failure names the rule. */
class ArchitectureRulesSelfTest {

    @Test
    void aCycleBetweenTwoPackagesIsCaught() {
        assertThatThrownBy(() -> ArchitectureTest.packagesFreeOfCycles("dev.cqrs.orders.fixtures.qa")
                .check(new ClassFileImporter().importClasses(First.class, Second.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("rule: packages free of cycles")
                .hasMessageContaining("Cycle detected");
    }

    /** Fixture: a run that would pick the kubernetes driver itself. */
    static final class RunThatPicksADriver {
        Object driver() {
            return KubernetesDriver.class;
        }
    }

    @Test
    void aDriverPickedOutsideTheCommandLineIsCaught() {
        assertThatThrownBy(() -> ArchitectureTest.onlyTheCommandLinePicksADriver
                .check(new ClassFileImporter().importClasses(RunThatPicksADriver.class, KubernetesDriver.class, SuiteRun.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("rule: only the command line picks a fault driver")
                .hasMessageContaining("KubernetesDriver");
    }
}
