package dev.cqrs.orders.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.cqrs.orders.command.order.Command;
import dev.cqrs.orders.command.order.CommandHandler;
import dev.cqrs.orders.command.order.OrderRef;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The command side's design rules; {@link CommandSideRulesSelfTest} shows that each one catches a violation. */
final class CommandSideRules {

    /** Verbs a command may start with; a new command with a new verb adds it here, deliberately. */
    static final Set<String> VERBS = Set.of("Create", "Confirm", "Ship", "Cancel", "Place", "Pay", "Refund", "Add", "Remove",
            "Change", "Update", "Delete", "Approve", "Reject", "Submit", "Assign", "Register", "Close", "Reopen", "Apply");

    private static final String DOMAIN_PACKAGE = OrderRef.class.getPackageName();

    private CommandSideRules() {
    }

    static final ArchRule HANDLERS_ANSWER_ONLY_ID_AND_VERSION = methods()
            .that().areDeclaredInClassesThat().implement(CommandHandler.class)
            .and().haveName("handle")
            .and().doNotHaveModifier(JavaModifier.BRIDGE)
            .should().haveRawReturnType(OrderRef.class).orShould().haveRawReturnType(UUID.class)
            .orShould().haveRawReturnType(void.class)
            .because("commands return an id, a version or nothing, never domain data (rule: command results)");

    static final ArchRule NO_DOMAIN_OBJECT_CROSSES_HTTP = methods()
            .that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .and().areMetaAnnotatedWith(RequestMapping.class)
            .should(new ArchCondition<>("answer ResponseEntity of a record of the controller's own package or of nothing") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    JavaType returned = method.getReturnType();
                    String own = method.getOwner().getPackageName();
                    boolean ok = method.getRawReturnType().isEquivalentTo(ResponseEntity.class)
                            && returned instanceof JavaParameterizedType parameterized
                            && parameterized.getActualTypeArguments().stream().allMatch(argument -> {
                                var raw = argument.toErasure();
                                return raw.isEquivalentTo(Void.class) || (raw.isRecord() && raw.getPackageName().equals(own)
                                        && !own.equals(DOMAIN_PACKAGE));
                            });
                    events.add(new SimpleConditionEvent(method, ok, method.getFullName() + " answers " + returned.getName()));
                }
            })
            .because("the HTTP boundary answers with web records, never the aggregate (rule: no domain object over HTTP)");

    static final ArchRule COMMANDS_ARE_IMPERATIVE_RECORDS = classes()
            .that().implement(Command.class)
            .should().beRecords()
            .andShould(new ArchCondition<>("start with a verb, as in CreateOrder") {
                @Override
                public void check(com.tngtech.archunit.core.domain.JavaClass type, ConditionEvents events) {
                    String name = type.getSimpleName();
                    boolean imperative = VERBS.stream().anyMatch(name::startsWith) && !name.endsWith("ed");
                    events.add(new SimpleConditionEvent(type, imperative, name + (imperative ? " is" : " is not") + " imperative"));
                }
            })
            .because("a command asks for a change (rule: commands are imperative)");

    static final ArchRule ONLY_THE_RELAY_PUBLISHES = noClasses()
            .that().resideOutsideOfPackage("..relay..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.debezium..", "org.springframework.kafka..")
            .because("events leave only through the outbox and the relay, never from a request thread (rule: outbox only)");

    static final ArchRule WEB_DOES_NOT_TOUCH_PERSISTENCE = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "..outbox..")
            .because("requests go through the command bus and a unit of work (rule: web layer has no persistence)");

    static final ArchRule NO_CALLS_TO_THE_QUERY_SIDE = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.cqrs.orders.query..")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.web.client..", "java.net.http..",
                    "org.springframework.web.reactive.function.client..", "com.mongodb..", "org.bson..")
            .because("services talk only through events: no shared code, no HTTP calls, no read store (rule: no sync calls)");

    static final List<ArchRule> ALL = List.of(HANDLERS_ANSWER_ONLY_ID_AND_VERSION, NO_DOMAIN_OBJECT_CROSSES_HTTP,
            COMMANDS_ARE_IMPERATIVE_RECORDS, ONLY_THE_RELAY_PUBLISHES, WEB_DOES_NOT_TOUCH_PERSISTENCE, NO_CALLS_TO_THE_QUERY_SIDE);
}
