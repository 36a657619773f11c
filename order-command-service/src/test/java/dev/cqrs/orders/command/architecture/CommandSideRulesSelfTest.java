package dev.cqrs.orders.command.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.cqrs.orders.fixtures.command.BadCommands;
import dev.cqrs.orders.fixtures.command.web.LeakyController;
import org.junit.jupiter.api.Test;

/** Each command-side rule catches a fixture class that breaks it, and the failure names the rule. */
class CommandSideRulesSelfTest {

    private final JavaClasses fixtures = new ClassFileImporter().importClasses(LeakyController.class,
            BadCommands.OrderCreation.class, BadCommands.OrderShipped.class, BadCommands.LeakyHandler.class);

    @Test
    void handlersMustNotAnswerDomainData() {
        assertViolation(CommandSideRules.HANDLERS_ANSWER_ONLY_ID_AND_VERSION, "LeakyHandler.handle", "rule: command results");
    }

    @Test
    void controllersMustNotAnswerTheAggregate() {
        assertViolation(CommandSideRules.NO_DOMAIN_OBJECT_CROSSES_HTTP, "LeakyController.leak", "rule: no domain object over HTTP");
        assertViolation(CommandSideRules.NO_DOMAIN_OBJECT_CROSSES_HTTP, "LeakyController.line", "rule: no domain object over HTTP");
    }

    @Test
    void commandsMustBeImperative() {
        assertViolation(CommandSideRules.COMMANDS_ARE_IMPERATIVE_RECORDS, "OrderCreation is not imperative", "rule: commands are imperative");
        assertViolation(CommandSideRules.COMMANDS_ARE_IMPERATIVE_RECORDS, "OrderShipped is not imperative", "rule: commands are imperative");
    }

    @Test
    void onlyTheRelayMayPublish() {
        assertViolation(CommandSideRules.ONLY_THE_RELAY_PUBLISHES, "LeakyController", "rule: outbox only");
    }

    @Test
    void theWebLayerMustNotTouchPersistence() {
        assertViolation(CommandSideRules.WEB_DOES_NOT_TOUCH_PERSISTENCE, "JdbcTemplate", "rule: web layer has no persistence");
    }

    @Test
    void noSynchronousCallsToOtherServices() {
        assertViolation(CommandSideRules.NO_CALLS_TO_THE_QUERY_SIDE, "java.net.http.HttpClient", "rule: no sync calls");
    }

    private void assertViolation(ArchRule rule, String detail, String ruleName) {
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(detail).hasMessageContaining(ruleName);
    }
}
