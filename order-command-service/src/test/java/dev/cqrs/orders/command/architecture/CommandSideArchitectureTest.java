package dev.cqrs.orders.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.cqrs.orders.command.order.CommandHandler;
import dev.cqrs.orders.command.order.OrderRef;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Design rules of the command side, kept by the build. */
@AnalyzeClasses(packages = "dev.cqrs.orders.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule commandHandlersAnswerOnlyIdAndVersion = methods()
            .that().areDeclaredInClassesThat().implement(CommandHandler.class)
            .and().haveName("handle")
            .and().doNotHaveModifier(JavaModifier.BRIDGE)
            .should().haveRawReturnType(OrderRef.class)
            .because("commands return an id and a version, never domain data");

    @ArchTest
    static final ArchRule controllersReturnResponseEntities = methods()
            .that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .and().areMetaAnnotatedWith(RequestMapping.class)
            .should().haveRawReturnType(ResponseEntity.class)
            .because("the HTTP boundary answers with web records, never the aggregate");

    @ArchTest
    static final ArchRule onlyTheRelayTalksToKafka = noClasses()
            .that().resideOutsideOfPackage("..relay..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.debezium..")
            .because("events leave only through the outbox and the relay, never from a request thread");

    @ArchTest
    static final ArchRule theWebLayerDoesNotTouchPersistence = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "..outbox..")
            .because("requests go through the command bus and a unit of work");

    @ArchTest
    static final ArchRule theCommandSideNeverReachesTheQuerySide = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.cqrs.orders.query..")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.web.client..", "java.net.http..",
                    "com.mongodb..", "org.bson..")
            .because("services talk only through events: no shared code, no HTTP calls, no read store");
}
