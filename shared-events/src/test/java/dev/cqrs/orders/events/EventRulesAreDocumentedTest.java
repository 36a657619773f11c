package dev.cqrs.orders.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The README's list of design rules names every event-contract rule that the build enforces. */
class EventRulesAreDocumentedTest {

    @Test
    void everyRuleIsNamedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        for (ArchRule rule : List.of(EventContractRules.EVENTS_ARE_RECORDS, EventContractRules.EVENT_NAMES_ARE_PAST_TENSE,
                EventContractRules.EVENTS_HAVE_ONLY_IMMUTABLE_COMPONENTS, EventContractRules.EVENTS_DECLARE_A_TYPE_NAME)) {
            Matcher name = Pattern.compile("\\(rule: ([^)]+)\\)").matcher(rule.getDescription());
            assertThat(name.find()).as(rule.getDescription()).isTrue();
            assertThat(readme).as("README names the rule '%s'", name.group(1)).contains("**" + name.group(1));
        }
    }
}
