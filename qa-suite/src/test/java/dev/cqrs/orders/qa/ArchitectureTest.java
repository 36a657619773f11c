package dev.cqrs.orders.qa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The QA suite's structure: packages by feature without cycles, and fault drivers that the rest never needs. */
class ArchitectureTest {

    static final String ROOT = "dev.cqrs.orders.qa";

    private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Every package (subpackages on their own) is a slice; no two of them may need each other, directly or not. */
    static ArchRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles().as("rule: packages free of cycles");
    }

    /** The run, the verdict and the injector work with any driver: only the command line picks one. */
    static final ArchRule onlyTheCommandLinePicksADriver = noClasses().that().resideOutsideOfPackages(ROOT + ".cli..",
                    ROOT + ".faults.owned..", ROOT + ".faults.local..", ROOT + ".faults.kubernetes..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".faults.owned..", ROOT + ".faults.local..",
                    ROOT + ".faults.kubernetes..")
            .as("rule: only the command line picks a fault driver");

    @Test
    void packagesAreFreeOfCycles() {
        packagesFreeOfCycles(ROOT).check(classes);
    }

    @Test
    void onlyTheCommandLinePicksADriver() {
        onlyTheCommandLinePicksADriver.check(classes);
    }
}
