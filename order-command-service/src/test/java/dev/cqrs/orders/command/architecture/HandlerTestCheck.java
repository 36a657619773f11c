package dev.cqrs.orders.command.architecture;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.junit.jupiter.api.Nested;
import org.junit.platform.commons.annotation.Testable;

/**
 * Finds the command handlers without a unit test that runs and asserts: a {@code <Handler>Test} class that surefire
 * and JUnit actually run (named like a test, or an inner class marked {@code @Nested} in one that runs) whose every
 * test asserts, and one of whose tests calls the handler's {@code handle}.
 */
final class HandlerTestCheck {

    /** Surefire's default includes; a top-level class named otherwise never runs. */
    private static final Pattern SUREFIRE_NAMES = Pattern.compile("Test.*|.*Test|.*Tests|.*TestCase");
    private static final Predicate<JavaMethodCall> ASSERTION = call -> {
        String owner = call.getTargetOwner().getName();
        return owner.startsWith("org.assertj.") || owner.equals("org.junit.jupiter.api.Assertions")
                || owner.equals("org.hamcrest.MatcherAssert");
    };

    private HandlerTestCheck() {
    }

    /** Each handler that lacks such a test, by simple name, with the reason. */
    static Map<String, String> untested(List<JavaClass> handlers, JavaClasses tests) {
        Map<String, String> untested = new TreeMap<>();
        for (JavaClass handler : handlers) {
            String testName = handler.getSimpleName() + "Test";
            List<Optional<String>> problems = tests.stream().filter(test -> test.getSimpleName().equals(testName))
                    .map(test -> problem(test, handler, tests)).toList();
            if (problems.isEmpty()) {
                untested.put(handler.getSimpleName(), "no class " + testName);
            } else if (problems.stream().allMatch(Optional::isPresent)) {
                untested.put(handler.getSimpleName(), problems.get(0).orElseThrow());
            }
        }
        return untested;
    }

    private static Optional<String> problem(JavaClass test, JavaClass handler, JavaClasses tests) {
        if (!runs(test)) {
            return Optional.of(test.getName() + " never runs: an inner test class needs @Nested and an enclosing class"
                    + " that runs, any other a name that surefire picks up");
        }
        List<JavaMethod> testMethods = test.getMethods().stream().filter(m -> m.isMetaAnnotatedWith(Testable.class)).toList();
        for (JavaMethod method : testMethods) {
            if (reachedCalls(method, tests).stream().noneMatch(ASSERTION)) {
                return Optional.of(method.getFullName() + " asserts nothing");
            }
        }
        boolean callsTheHandler = testMethods.stream().anyMatch(method -> reachedCalls(method, tests).stream()
                .anyMatch(call -> call.getTargetOwner().getName().equals(handler.getName()) && call.getName().equals("handle")));
        return callsTheHandler ? Optional.empty()
                : Optional.of("no test of " + test.getName() + " calls " + handler.getSimpleName() + ".handle");
    }

    private static boolean runs(JavaClass test) {
        if (test.getModifiers().contains(JavaModifier.ABSTRACT)) {
            return false;
        }
        Optional<JavaClass> enclosing = test.getEnclosingClass();
        if (enclosing.isEmpty() || test.getModifiers().contains(JavaModifier.STATIC)) {
            // Surefire hands JUnit every class file named like a test, nested ones too; a static class runs on its own.
            return SUREFIRE_NAMES.matcher(test.getName().substring(test.getPackageName().length() + 1)).matches();
        }
        return test.isAnnotatedWith(Nested.class) && runs(enclosing.get());
    }

    /** The calls of a test method, lambdas included, and of the test-code methods it calls in turn. */
    private static Set<JavaMethodCall> reachedCalls(JavaCodeUnit start, JavaClasses tests) {
        Set<JavaMethodCall> calls = new HashSet<>();
        Set<JavaCodeUnit> seen = new HashSet<>(Set.of(start));
        Deque<JavaCodeUnit> pending = new ArrayDeque<>(seen);
        while (!pending.isEmpty()) {
            for (JavaMethodCall call : pending.pop().getMethodCallsFromSelf()) {
                calls.add(call);
                if (tests.contain(call.getTargetOwner().getName())) {
                    call.getTarget().resolveMember().filter(seen::add).ifPresent(pending::push);
                }
            }
        }
        return calls;
    }
}
