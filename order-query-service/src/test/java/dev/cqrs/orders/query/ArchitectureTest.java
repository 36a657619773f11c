package dev.cqrs.orders.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query side's boundaries: no SQL, no call to the command side, no HTTP client, no Spring Data, DTO-only responses,
 * operator endpoints under /admin/, nouns for queries. {@link QuerySideRulesSelfTest} shows each one catches a fixture.
 */
@AnalyzeClasses(packages = "dev.cqrs.orders.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String OWN_PACKAGE = "dev.cqrs.orders.query";

    @ArchTest
    static final ArchRule neverTouchesSqlOrTheCommandSide = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "javax.sql..", "org.postgresql..", "org.springframework.jdbc..",
                    "dev.cqrs.orders.command..")
            .because("the query side reads only its own MongoDB read models and the event topic"
                    + " (rule: no write model on the query side)");

    @ArchTest
    static final ArchRule hasNoHttpClient = noClasses()
            // The one exception reads the service's own port over loopback before it is ready (docs/read-your-writes.md).
            .that().doNotHaveFullyQualifiedName("dev.cqrs.orders.query.warmup.HttpWarmUp")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web.client..", "org.springframework.web.reactive.function.client..",
                    "java.net.http..")
            .because("the query side never calls the command service; events are its only input (rule: no sync calls)");

    @ArchTest
    static final ArchRule usesTheMongoDriverNotSpringData = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data..")
            .because("read models are written one way: through the MongoDB driver, with the versioned conditional writes"
                    + " that keep them idempotent");

    @ArchTest
    static final ArchRule controllersReturnOnlyOwnDtosOrSpringResponses = methods()
            .that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .and().areMetaAnnotatedWith(RequestMapping.class)
            .should(returnOnlyAllowedTypes())
            .because("queries answer DTO records, never domain or event types (rule: DTO-only responses)");

    @ArchTest
    static final ArchRule operatorEndpointsLiveUnderAdmin = methods()
            .that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .and().areDeclaredInClassesThat().resideInAnyPackage("..rebuild..", "..monitoring..", "..deadletter..", "..faults..")
            .and().areMetaAnnotatedWith(RequestMapping.class)
            .should(mapOnlyUnder("/admin/"))
            .because("one rule in front of /admin/ must be able to protect every operator endpoint");

    @ArchTest
    static final ArchRule controllersNeverSeeEvents = classes()
            .that().areAnnotatedWith(RestController.class)
            .should().onlyDependOnClassesThat(DescribedPredicate.not(
                    JavaClass.Predicates.resideInAPackage("dev.cqrs.orders.events..")))
            .because("responses are the query side's own DTO records, never event types (rule: DTO-only responses)");

    @ArchTest
    static final ArchRule queriesAreNouns = methods()
            .that().areDeclaredInClassesThat().haveSimpleNameEndingWith("Handler")
            .and().haveName("handle")
            .should(new ArchCondition<>("take a query named like GetOrder or ListOrders") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    for (JavaClass parameter : method.getRawParameterTypes()) {
                        String name = parameter.getSimpleName();
                        boolean noun = parameter.isRecord() && QUERY_NAME.matcher(name).matches() && !name.endsWith("ed");
                        events.add(new SimpleConditionEvent(method, noun, name + (noun ? " is" : " is not") + " a query name"));
                    }
                }
            })
            .because("a query asks for data and changes nothing (rule: queries are nouns)");

    private static final java.util.regex.Pattern QUERY_NAME = java.util.regex.Pattern.compile("(Get|List|Find|Count|Search)[A-Z]\\w*");

    private static ArchCondition<JavaMethod> returnOnlyAllowedTypes() {
        return new ArchCondition<>("return only types of " + OWN_PACKAGE + ", ResponseEntity, ProblemDetail, List or CompletableFuture") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                for (JavaClass type : involvedClasses(method.getReturnType())) {
                    boolean allowed = type.getPackageName().startsWith(OWN_PACKAGE)
                            || type.isEquivalentTo(ResponseEntity.class)
                            || type.isEquivalentTo(ProblemDetail.class)
                            // Collections of our DTOs are fine; what they contain is checked too.
                            || type.isEquivalentTo(List.class)
                            // An async answer (read-your-writes) of our DTOs; the type argument is checked too.
                            || type.isEquivalentTo(CompletableFuture.class);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(method,
                                method.getFullName() + " returns " + type.getName()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaMethod> mapOnlyUnder(String prefix) {
        return new ArchCondition<>("map only paths under " + prefix + ", the class-level mapping included") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                for (String type : mappedPaths(method.getOwner().reflect())) {
                    for (String own : mappedPaths(method.reflect())) {
                        String path = Stream.of(type, own).collect(Collectors.joining("/", "/", "")).replaceAll("/+", "/");
                        if (!path.startsWith(prefix)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " maps " + path));
                        }
                    }
                }
            }
        };
    }

    /** The paths of the element's request mapping; one empty path when it names none, as Spring reads it. */
    private static String[] mappedPaths(AnnotatedElement element) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(element, RequestMapping.class);
        return mapping == null || mapping.path().length == 0 ? new String[] {""} : mapping.path();
    }

    private static List<JavaClass> involvedClasses(JavaType type) {
        List<JavaClass> classes = new java.util.ArrayList<>();
        classes.add(type.toErasure());
        if (type instanceof JavaParameterizedType parameterized) {
            parameterized.getActualTypeArguments().forEach(argument -> classes.addAll(involvedClasses(argument)));
        }
        return classes;
    }
}
