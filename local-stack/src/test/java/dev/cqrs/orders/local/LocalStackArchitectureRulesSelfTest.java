package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import dev.cqrs.orders.fixtures.localstack.cycle.Root;
import dev.cqrs.orders.fixtures.localstack.cycle.down.Leaf;
import dev.cqrs.orders.local.wireserver.WireServerBackends;

/** Each rule of {@link LocalStackArchitectureTest} finds the classes that break it, and only those. */
class LocalStackArchitectureRulesSelfTest {

    /** Fixture: a launcher class that opens the wire server's storage itself instead of going through MongoNode. */
    static final class StorageOutsideMongoNode {
        Object backend() {
            return WireServerBackends.inMemory();
        }
    }

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
        return rule.evaluate(new ClassFileImporter().importClasses(classes));
    }

    @Test
    void aPackageThatNeedsItsOwnSubpackageBackIsFound() {
        EvaluationResult result = evaluate(LocalStackArchitectureTest.packagesFreeOfCycles("dev.cqrs.orders.fixtures"),
                Root.class, Leaf.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("rule: packages free of cycles", "Cycle detected",
                "localstack.cycle.down");
    }

    @Test
    void storageOpenedOutsideMongoNodeIsFoundAndMongoNodeIsNot() {
        List<String> details = evaluate(LocalStackArchitectureTest.onlyMongoNodeReachesTheWireServerStorage,
                StorageOutsideMongoNode.class, MongoNode.class, WireServerBackends.class).getFailureReport().getDetails();

        assertThat(details).isNotEmpty().allSatisfy(detail -> assertThat(detail).contains("StorageOutsideMongoNode"));
    }
}
