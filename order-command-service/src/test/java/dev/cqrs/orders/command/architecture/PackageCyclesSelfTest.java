package dev.cqrs.orders.command.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The package-cycle rule fails on two test-only packages that use each other, and names both. */
class PackageCyclesSelfTest {

    @Test
    void catchesTwoPackagesThatUseEachOther() {
        EvaluationResult result = PackageCyclesTest.PACKAGES_ARE_FREE_OF_CYCLES.evaluate(new ClassFileImporter()
                .importPackages("dev.cqrs.orders.command.cyclefixturea", "dev.cqrs.orders.command.cyclefixtureb"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected", "cyclefixturea.Order",
                "cyclefixtureb.Outbox");
    }
}
