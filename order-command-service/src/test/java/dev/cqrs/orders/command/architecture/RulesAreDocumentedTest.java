package dev.cqrs.orders.command.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The README's list of design rules names every command-side rule that the build enforces. */
class RulesAreDocumentedTest {

    private static final Pattern RULE_NAME = Pattern.compile("\\(rule: ([^)]+)\\)");

    @Test
    void everyRuleIsNamedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        for (ArchRule rule : CommandSideRules.ALL) {
            Matcher name = RULE_NAME.matcher(rule.getDescription());
            assertThat(name.find()).as("rule carries a (rule: name): %s", rule.getDescription()).isTrue();
            assertThat(readme).as("README names the rule '%s'", name.group(1)).contains("**" + name.group(1));
        }
    }
}
