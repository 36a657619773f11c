package dev.cqrs.orders.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * local-stack by concern: the launcher (this package) over leaf packages that never need it back, and the wire
 * server's storage behind {@link MongoNode}. {@link LocalStackArchitectureRulesSelfTest} shows each rule finds a fixture.
 */
@AnalyzeClasses(packages = "dev.cqrs.orders.local", importOptions = ImportOption.DoNotIncludeTests.class)
class LocalStackArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = packagesFreeOfCycles("dev.cqrs.orders");

    /** The storage patched into the wire server is MongoNode's business: nothing else opens it. */
    @ArchTest
    static final ArchRule onlyMongoNodeReachesTheWireServerStorage = noClasses()
            .that().resideOutsideOfPackage("dev.cqrs.orders.local.wireserver..")
            .and().doNotHaveFullyQualifiedName(MongoNode.class.getName())
            .should().dependOnClassesThat().resideInAPackage("dev.cqrs.orders.local.wireserver..")
            .as("rule: only MongoNode reaches the wire server's storage");

    /** Each package under {@code parent}, the parent's own direct child included, is a slice; no two may need each other. */
    static ArchRule packagesFreeOfCycles(String parent) {
        return slices().matching(parent + ".(**)").should().beFreeOfCycles().as("rule: packages free of cycles");
    }
}
