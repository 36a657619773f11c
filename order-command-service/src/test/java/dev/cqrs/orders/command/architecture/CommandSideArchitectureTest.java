package dev.cqrs.orders.command.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command side's design rules hold for the production code. */
@AnalyzeClasses(packages = "dev.cqrs.orders.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule handlerResults = CommandSideRules.HANDLERS_ANSWER_ONLY_ID_AND_VERSION;

    @ArchTest
    static final ArchRule httpBoundary = CommandSideRules.NO_DOMAIN_OBJECT_CROSSES_HTTP;

    @ArchTest
    static final ArchRule commandNames = CommandSideRules.COMMANDS_ARE_IMPERATIVE_RECORDS;

    @ArchTest
    static final ArchRule outboxOnly = CommandSideRules.ONLY_THE_RELAY_PUBLISHES;

    @ArchTest
    static final ArchRule webLayer = CommandSideRules.WEB_DOES_NOT_TOUCH_PERSISTENCE;

    @ArchTest
    static final ArchRule noSyncCalls = CommandSideRules.NO_CALLS_TO_THE_QUERY_SIDE;
}
