package dev.cqrs.orders.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The event contract's design rules hold for every event type of this build. */
@AnalyzeClasses(packages = "dev.cqrs.orders.events", importOptions = ImportOption.DoNotIncludeTests.class)
class EventContractRulesTest {

    @ArchTest
    static final ArchRule records = EventContractRules.EVENTS_ARE_RECORDS;

    @ArchTest
    static final ArchRule pastTense = EventContractRules.EVENT_NAMES_ARE_PAST_TENSE;

    @ArchTest
    static final ArchRule immutable = EventContractRules.EVENTS_HAVE_ONLY_IMMUTABLE_COMPONENTS;

    @ArchTest
    static final ArchRule typeNames = EventContractRules.EVENTS_DECLARE_A_TYPE_NAME;
}
