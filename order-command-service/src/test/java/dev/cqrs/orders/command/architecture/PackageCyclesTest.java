package dev.cqrs.orders.command.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command side's packages depend on each other one way only, so each can be read, and moved, without the ones
 * that use it. {@link PackageCyclesSelfTest} shows the rule catches a cycle.
 */
@AnalyzeClasses(packages = "dev.cqrs.orders.command", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    @ArchTest
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("dev.cqrs.orders.command.(*)..")
            .should().beFreeOfCycles();
}
