package dev.cqrs.orders.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.cqrs.orders.events.fixtures.ViolatingEvents;
import org.junit.jupiter.api.Test;

/** Each rule catches a class that breaks it, and the failure names the rule. */
class EventContractRulesSelfTest {

    private final JavaClasses fixtures = new ClassFileImporter().importClasses(ViolatingEvents.OrderRenamed.class,
            ViolatingEvents.ShipOrder.class, ViolatingEvents.OrderAmended.class, ViolatingEvents.CustomerRenamed.class);

    @Test
    void theRecordRuleCatchesAClass() {
        assertViolation(EventContractRules.EVENTS_ARE_RECORDS, "OrderRenamed", "events are records");
    }

    @Test
    void thePastTenseRuleCatchesACommandName() {
        assertViolation(EventContractRules.EVENT_NAMES_ARE_PAST_TENSE, "ShipOrder is not past tense", "events are past tense");
    }

    @Test
    void theImmutabilityRuleCatchesArraysMutableCollectionsAndUncopiedLists() {
        assertViolation(EventContractRules.EVENTS_HAVE_ONLY_IMMUTABLE_COMPONENTS, "quantities has the mutable type",
                "immutable event components");
        assertViolation(EventContractRules.EVENTS_HAVE_ONLY_IMMUTABLE_COMPONENTS, "skus has the mutable type java.util.ArrayList",
                "immutable event components");
        assertViolation(EventContractRules.EVENTS_HAVE_ONLY_IMMUTABLE_COMPONENTS, "notes is a List that the constructor does not copy",
                "immutable event components");
    }

    @Test
    void theTypeNameRuleCatchesAnEventWithoutEventType() {
        assertViolation(EventContractRules.EVENTS_DECLARE_A_TYPE_NAME, "CustomerRenamed", "events declare @EventType");
    }

    private void assertViolation(ArchRule rule, String detail, String ruleName) {
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(detail).hasMessageContaining(ruleName);
    }
}
