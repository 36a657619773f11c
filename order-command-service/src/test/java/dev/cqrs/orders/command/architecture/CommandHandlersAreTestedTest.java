package dev.cqrs.orders.command.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cqrs.orders.command.order.CommandHandler;
import dev.cqrs.orders.fixtures.command.BadCommands;
import dev.cqrs.orders.fixtures.command.handlertests.LeakyHandlerTest;
import dev.cqrs.orders.fixtures.command.handlertests.NestedHandlerTests;
import dev.cqrs.orders.fixtures.command.handlertests.UnannotatedNestedTest;
import org.junit.jupiter.api.Test;

/**
 * The guidelines ask for a unit test of every command handler; this fails when a new handler has none that runs and
 * asserts. The fixtures show that each loophole is closed.
 */
class CommandHandlersAreTestedTest {

    private static final List<JavaClass> FIXTURE_HANDLER = List.of(new ClassFileImporter()
            .importClass(BadCommands.LeakyHandler.class));

    @Test
    void everyCommandHandlerHasAUnitTestThatUsesIt() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cqrs.orders.command");
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.cqrs.orders.command");
        List<JavaClass> handlers = main.stream()
                .filter(c -> c.isAssignableTo(CommandHandler.class) && !c.isInterface())
                .toList();
        assertThat(handlers).as("command handlers found").hasSizeGreaterThanOrEqualTo(4);

        assertThat(HandlerTestCheck.untested(handlers, tests))
                .as("command handlers without a <Handler>Test class that runs, asserts and calls them").isEmpty();
    }

    @Test
    void aNestedTestClassThatAssertsCounts() {
        assertThat(HandlerTestCheck.untested(FIXTURE_HANDLER,
                new ClassFileImporter().importClasses(NestedHandlerTests.class, NestedHandlerTests.LeakyHandlerTest.class)))
                .isEmpty();
    }

    @Test
    void anInnerTestClassWithoutNestedNeverRunsAndDoesNotCount() {
        assertThat(HandlerTestCheck.untested(FIXTURE_HANDLER, new ClassFileImporter()
                .importClasses(UnannotatedNestedTest.class, UnannotatedNestedTest.LeakyHandlerTest.class)))
                .containsOnlyKeys("LeakyHandler").extractingByKey("LeakyHandler").asString().contains("never runs");
    }

    @Test
    void aTestWithoutAnAssertionDoesNotCount() {
        assertThat(HandlerTestCheck.untested(FIXTURE_HANDLER, new ClassFileImporter().importClasses(LeakyHandlerTest.class)))
                .containsOnlyKeys("LeakyHandler").extractingByKey("LeakyHandler").asString()
                .contains("LeakyHandlerTest.callsButNeverChecks()", "asserts nothing");
    }
}
