package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.cqrs.orders.fixtures.query.SpringDataReadModel;
import dev.cqrs.orders.fixtures.query.ViolatingQuerySide;
import dev.cqrs.orders.fixtures.query.faults.OperatorControllers;
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
    void theHttpClientExceptionIsOneClassNotAName() {
        JavaClasses lookalike = new ClassFileImporter().importClasses(dev.cqrs.orders.fixtures.query.warmup.HttpWarmUp.class);
        assertThatThrownBy(() -> ArchitectureTest.hasNoHttpClient.check(lookalike))
                .hasMessageContaining("fixtures.query.warmup.HttpWarmUp").hasMessageContaining("java.net.http.HttpClient");
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

    @Test
    void noSpringData() {
        assertThatThrownBy(() -> ArchitectureTest.usesTheMongoDriverNotSpringData.check(
                new ClassFileImporter().importClasses(SpringDataReadModel.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.springframework.data.standin.SpringDataStandIn");
    }

    @Test
    void operatorEndpointsLiveUnderAdminCountingTheClassLevelMapping() {
        assertThatThrownBy(() -> ArchitectureTest.operatorEndpointsLiveUnderAdmin.check(
                new ClassFileImporter().importClasses(OperatorControllers.OutsideAdmin.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("OutsideAdmin.trigger() maps /ops");
        assertThatCode(() -> ArchitectureTest.operatorEndpointsLiveUnderAdmin.check(
                new ClassFileImporter().importClasses(OperatorControllers.UnderAdmin.class))).doesNotThrowAnyException();
    }

    private void assertViolation(ArchRule rule, String detail, String ruleName) {
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(detail).hasMessageContaining(ruleName);
    }
}
