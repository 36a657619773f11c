package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

import dev.cqrs.orders.fixtures.localstack.cycle.Root;
import dev.cqrs.orders.fixtures.localstack.cycle.down.Leaf;
import dev.cqrs.orders.local.wireserver.WireServerBackends;

/** Each rule of {@link LocalStackArchitectureTest} catches classes that break it, and the failure names the rule. */
class LocalStackArchitectureRulesSelfTest {

    @Test
    void aPackageThatNeedsItsOwnSubpackageBackIsCaught() {
        assertThatThrownBy(() -> LocalStackArchitectureTest.packagesFreeOfCycles("dev.cqrs.orders.fixtures")
                .check(new ClassFileImporter().importClasses(Root.class, Leaf.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("rule: packages free of cycles")
                .hasMessageContaining("Cycle detected");
    }

    /** Fixture: a launcher class that opens the wire server's storage itself instead of going through MongoNode. */
    static final class StorageOutsideMongoNode {
        Object backend() {
            return WireServerBackends.inMemory();
        }
    }

    @Test
    void theStorageOpenedOutsideMongoNodeIsCaught() {
        assertThatThrownBy(() -> LocalStackArchitectureTest.onlyMongoNodeReachesTheWireServerStorage
                .check(new ClassFileImporter().importClasses(StorageOutsideMongoNode.class, MongoNode.class, WireServerBackends.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("rule: only MongoNode reaches the wire server's storage")
                .hasMessageContaining("StorageOutsideMongoNode").hasMessageNotContaining("<" + MongoNode.class.getName() + ".");
    }
}
