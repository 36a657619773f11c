package dev.cqrs.orders.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** local-stack by concern: packages without cycles, and the wire server's storage behind {@link MongoNode}. */
class LocalStackArchitectureTest {

    static final String ROOT = "dev.cqrs.orders.local";

    private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** The package under {@code parent} and each of its subpackages are slices; none may need another that needs it back. */
    static ArchRule packagesFreeOfCycles(String parent) {
        return slices().matching(parent + ".(**)").should().beFreeOfCycles().as("rule: packages free of cycles");
    }

    /** The storage patched into the wire server is MongoNode's business: nothing else opens it. */
    static final ArchRule onlyMongoNodeReachesTheWireServerStorage = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".wireserver..")
            .and().doNotHaveFullyQualifiedName(MongoNode.class.getName())
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".wireserver..")
            .as("rule: only MongoNode reaches the wire server's storage");

    @Test
    void packagesAreFreeOfCycles() {
        packagesFreeOfCycles("dev.cqrs.orders").check(classes);
    }

    @Test
    void onlyMongoNodeReachesTheWireServerStorage() {
        onlyMongoNodeReachesTheWireServerStorage.check(classes);
    }
}
