package dev.cqrs.orders.command.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cqrs.orders.command.order.CommandHandler;
import org.junit.jupiter.api.Test;

/** The guidelines ask for a unit test of every command handler; this fails when a new handler has none. */
class CommandHandlersAreTestedTest {

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

        Set<String> untested = handlers.stream()
                .filter(handler -> tests.stream().noneMatch(test -> test.getSimpleName().equals(handler.getSimpleName() + "Test")
                        && usesHandler(test, handler)))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(untested).as("command handlers without a <Handler>Test class that calls them").isEmpty();
    }

    private static boolean usesHandler(JavaClass test, JavaClass handler) {
        return test.getMethodCallsFromSelf().stream()
                .anyMatch(call -> call.getTargetOwner().getName().equals(handler.getName()) && call.getName().equals("handle"));
    }
}
