package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.cqrs.orders.fixtures.query.ViolatingQuerySide;
import org.junit.jupiter.api.Test;

/** Each query-side rule catches a fixture class that breaks it, and the failure names the rule. */
class QuerySideRulesSelfTest {

    private final JavaClasses fixtures = new ClassFileImporter().importClasses(ViolatingQuerySide.LeakyQueryController.class,
            ViolatingQuerySide.ConfirmOrder.class, ViolatingQuerySide.ConfirmOrderHandler.class);

    @Test
    void theWriteModelIsOutOfReach() {
        assertViolation(ArchitectureTest.neverTouchesSqlOrTheCommandSide, "java.sql.Connection", "rule: no write model on the query side");
    }

    @Test
    void noHttpClient() {
        assertViolation(ArchitectureTest.hasNoHttpClient, "java.net.http.HttpClient", "rule: no sync calls");
    }

    @Test
    void responsesAreDtos() {
        assertViolation(ArchitectureTest.controllersReturnOnlyOwnDtosOrSpringResponses, "returns dev.cqrs.orders.events.OrderCreated",
                "rule: DTO-only responses");
        assertViolation(ArchitectureTest.controllersNeverSeeEvents, "OrderCreated", "rule: DTO-only responses");
    }

    @Test
    void queriesAreNouns() {
        assertViolation(ArchitectureTest.queriesAreNouns, "ConfirmOrder is not a query name", "rule: queries are nouns");
    }

    private void assertViolation(ArchRule rule, String detail, String ruleName) {
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(detail).hasMessageContaining(ruleName);
    }
}
