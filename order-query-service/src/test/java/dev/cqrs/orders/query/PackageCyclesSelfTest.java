package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The package-cycle rule fails on two test-only packages that use each other, and names both. */
class PackageCyclesSelfTest {

    @Test
    void catchesTwoPackagesThatUseEachOther() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.cqrs.orders.query.cyclefixturea",
                "dev.cqrs.orders.query.cyclefixtureb");

        assertThatThrownBy(() -> PackageCyclesTest.PACKAGES_ARE_FREE_OF_CYCLES.check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("cyclefixturea.Ping")
                .hasMessageContaining("cyclefixtureb.Pong");
    }
}
