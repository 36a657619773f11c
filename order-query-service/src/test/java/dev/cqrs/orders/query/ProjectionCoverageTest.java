package dev.cqrs.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cqrs.orders.fixtures.query.UnrunIdempotencyContract;
import dev.cqrs.orders.query.readmodel.Projection;
import dev.cqrs.orders.query.readmodel.ProjectionIdempotencyContract;
import org.junit.jupiter.api.Test;

/**
 * Every projection in the main code has an idempotency test that surefire runs, so a new read model cannot ship
 * without one.
 */
class ProjectionCoverageTest {

    private static final String PACKAGE = "dev.cqrs.orders.query";
    /** Surefire's default includes; a contract subclass named otherwise never runs. */
    private static final Pattern SUREFIRE_NAMES = Pattern.compile("Test.*|.*Test|.*Tests|.*TestCase");

    @Test
    void everyProjectionHasAConcreteIdempotencyContractTest() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PACKAGE);
        JavaClasses tests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(PACKAGE);

        Set<String> projections = main.stream()
                .filter(type -> type.isAssignableTo(Projection.class))
                .filter(type -> !type.isInterface() && !type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        Set<String> covered = covered(tests);

        assertThat(projections).as("projections found in the main code").hasSizeGreaterThanOrEqualTo(3);
        assertThat(covered)
                .as("each Projection needs a concrete subclass of ProjectionIdempotencyContract<ThatProjection>")
                .containsAll(projections);
    }

    @Test
    void aContractSubclassThatSurefireNeverRunsCoversNothing() {
        assertThat(projectionUnderTest(UnrunIdempotencyContract.class)).isEqualTo(UnrunIdempotencyContract.Counting.class.getName());
        assertThat(covered(new ClassFileImporter().importClasses(UnrunIdempotencyContract.class))).isEmpty();
    }

    /** The projections of the concrete contract subclasses that surefire runs: top-level classes named like a test. */
    private static Set<String> covered(JavaClasses tests) {
        return tests.stream()
                .filter(type -> type.isAssignableTo(ProjectionIdempotencyContract.class))
                .filter(type -> type.getEnclosingClass().isEmpty() && SUREFIRE_NAMES.matcher(type.getSimpleName()).matches())
                .map(JavaClass::reflect)
                .filter(type -> !Modifier.isAbstract(type.getModifiers()))
                .map(ProjectionCoverageTest::projectionUnderTest)
                .collect(Collectors.toSet());
    }

    private static String projectionUnderTest(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
            Type superclass = type.getGenericSuperclass();
            if (superclass instanceof ParameterizedType parameterized
                    && parameterized.getRawType() == ProjectionIdempotencyContract.class
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> projection) {
                return projection.getName();
            }
        }
        throw new AssertionError(testClass.getName() + " must extend ProjectionIdempotencyContract with a concrete "
                + "projection class as its type argument");
    }
}
