package dev.cqrs.orders.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The design rules for event types, as ArchUnit rules; {@link EventContractRulesSelfTest} shows each one bites. */
final class EventContractRules {

    private static final Set<String> IRREGULAR_PAST = Set.of("Sent", "Paid", "Made", "Built", "Held", "Sold", "Kept", "Lost", "Done");
    private static final Pattern PAST_TENSE = Pattern.compile(".*[a-z]ed$");

    private EventContractRules() {
    }

    static final ArchRule EVENTS_ARE_RECORDS = classes()
            .that().areAnnotatedWith(EventType.class)
            .should().beRecords()
            .because("events are immutable values (rule: events are records)");

    static final ArchRule EVENT_NAMES_ARE_PAST_TENSE = classes()
            .that().areAnnotatedWith(EventType.class)
            .should(new ArchCondition<>("have a past-tense name, such as OrderCreated") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    String name = type.getSimpleName();
                    boolean past = PAST_TENSE.matcher(name).matches() || IRREGULAR_PAST.stream().anyMatch(name::endsWith);
                    events.add(new SimpleConditionEvent(type, past, name + " is " + (past ? "" : "not ") + "past tense"));
                }
            })
            .because("an event states what happened (rule: events are past tense)");

    static final ArchRule EVENTS_HAVE_ONLY_IMMUTABLE_COMPONENTS = classes()
            .that().areAnnotatedWith(EventType.class)
            .should(new ArchCondition<>("have only immutable components, copying lists with List.copyOf") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    boolean copiesLists = type.getConstructors().stream().anyMatch(c -> c.getMethodCallsFromSelf().stream()
                            .anyMatch(call -> call.getTargetOwner().isEquivalentTo(List.class) && call.getName().equals("copyOf")));
                    for (JavaField field : type.getFields()) {
                        if (field.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC)) {
                            continue;
                        }
                        JavaClass fieldType = field.getRawType();
                        if (fieldType.isArray() || fieldType.isAssignableTo(Date.class) || fieldType.isAssignableTo(Map.class)
                                || (fieldType.isAssignableTo(Collection.class) && !fieldType.isEquivalentTo(List.class))) {
                            events.add(SimpleConditionEvent.violated(field, field.getFullName() + " has the mutable type "
                                    + fieldType.getName()));
                        } else if (fieldType.isEquivalentTo(List.class) && !copiesLists) {
                            events.add(SimpleConditionEvent.violated(field, field.getFullName()
                                    + " is a List that the constructor does not copy with List.copyOf"));
                        }
                    }
                }
            })
            .because("a consumer must never see an event change under it (rule: immutable event components)");

    /** Events are the classes of an aggregate's event interface: OrderEvent, and any later one named like it. */
    static final ArchRule EVENTS_DECLARE_A_TYPE_NAME = classes()
            .that().implement(DescribedPredicate.describe("an aggregate's event interface (a name ending in Event)",
                    type -> type.isInterface() && type.getSimpleName().endsWith("Event")))
            .should().beAnnotatedWith(EventType.class)
            .because("the wire name and version must not depend on the class name (rule: events declare @EventType)");
}
