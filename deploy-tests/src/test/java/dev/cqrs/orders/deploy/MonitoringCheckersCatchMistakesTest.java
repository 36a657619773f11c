package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring checks fail on planted mistakes: each starts from the real files and breaks one thing. */
class MonitoringCheckersCatchMistakesTest {

    @Test
    void anAlertWithoutAFiringCaseIsReported() {
        Map<String, Object> tests = MonitoringTest.tests();
        removeCases(tests, "OrdersRebuildFailed", true);

        assertThat(MonitoringChecker.checkTestCoverage(MonitoringTest.rules(), tests))
                .containsExactly("alert OrdersRebuildFailed has no unit test in which it fires");
    }

    @Test
    void aQuietCaseWithoutHealthySeriesIsReported() {
        Map<String, Object> tests = MonitoringTest.tests();
        for (Object test : Yamls.list(tests.get("tests"))) {
            Map<String, Object> t = Yamls.map(test);
            if (String.valueOf(t.get("name")).startsWith("OrdersDeadLettersOpen stays quiet")) {
                t.put("input_series", List.of());
            }
        }

        assertThat(MonitoringChecker.checkTestCoverage(MonitoringTest.rules(), tests)).anySatisfy(problem ->
                assertThat(problem).contains("OrdersDeadLettersOpen to stay quiet without feeding"))
                .contains("alert OrdersDeadLettersOpen has no unit test in which it stays quiet on healthy series");
    }

    @Test
    void aNewAlertWithoutTestsAndATestOfAnUnknownAlertAreReported() {
        Map<String, Object> rules = MonitoringTest.rules();
        @SuppressWarnings("unchecked")
        List<Object> firstGroup = (List<Object>) Yamls.map(Yamls.list(rules.get("groups")).get(0)).get("rules");
        firstGroup.add(new LinkedHashMap<>(Map.of("alert", "OrdersSomethingNew", "expr", "orders_ready > 1")));
        Map<String, Object> tests = MonitoringTest.tests();
        renameCases(tests, "OrdersPodNotReady", "OrdersPodNotReadyy");

        assertThat(MonitoringChecker.checkTestCoverage(rules, tests)).contains(
                "alert OrdersSomethingNew has no unit test in which it fires",
                "alert OrdersSomethingNew has no unit test in which it stays quiet on healthy series",
                "alert OrdersPodNotReady has no unit test in which it fires")
                .anySatisfy(problem -> assertThat(problem).contains("expects alert OrdersPodNotReadyy, which the rules "
                        + "do not have"));
    }

    @Test
    void aPrometheusRuleThatDriftedFromThePlainFileIsReported() {
        Map<String, Object> prometheusRule = Yamls.load(RepoFiles.read("k8s/monitoring/prometheusrule.yaml"));
        assertThat(MonitoringChecker.checkSameGroups(MonitoringTest.rules(), prometheusRule)).isEmpty();

        Map<String, Object> firstRule = Yamls.map(Yamls.list(Yamls.map(Yamls.list(Yamls.map(prometheusRule.get("spec"))
                .get("groups")).get(0)).get("rules")).get(0));
        firstRule.put("for", "20m");

        assertThat(MonitoringChecker.checkSameGroups(MonitoringTest.rules(), prometheusRule)).singleElement()
                .asString().contains("spec.groups differ");
    }

    @Test
    void aFigureTheDashboardDoesNotShowIsReported() throws IOException {
        List<String> exprs = new ArrayList<>(MonitoringChecker.dashboardExprs(MonitoringTest.dashboard()));
        exprs.removeIf(expr -> expr.contains("orders_rebuild_failed"));

        assertThat(MonitoringChecker.checkDashboardShowsAlertMetrics(MonitoringTest.rules(), exprs))
                .containsExactly("alert OrdersRebuildFailed reads orders_rebuild_failed, which no dashboard panel shows");
    }

    @Test
    void promtoolRejectsABrokenQuery(@TempDir Path dir) throws IOException {
        String broken = rulesWith("max by (readModel) (orders_dead_letters_open) > 0",
                "max by (readModel) (orders_dead_letters_open > 0");
        Path rules = Files.writeString(dir.resolve("prometheus-rules.yaml"), broken, StandardCharsets.UTF_8);

        assertThat(Promtool.checkRules(rules).ok()).isFalse();
    }

    @Test
    void promtoolsUnitTestsFailWhenAnAlertNoLongerFiresOrFiresOnHealthySeries(@TempDir Path dir) throws IOException {
        Path tests = Files.writeString(dir.resolve("prometheus-rules-test.yaml"), RepoFiles.read(MonitoringTest.TESTS),
                StandardCharsets.UTF_8);
        Path rules = dir.resolve("prometheus-rules.yaml");
        Files.writeString(rules, RepoFiles.read(MonitoringTest.RULES), StandardCharsets.UTF_8);
        assertThat(Promtool.testRules(tests).ok()).as("the copies pass as the originals do").isTrue();

        Files.writeString(rules, rulesWith("(orders_dead_letters_open) > 0", "(orders_dead_letters_open) > 5"),
                StandardCharsets.UTF_8);
        Promtool.Result neverFires = Promtool.testRules(tests);
        assertThat(neverFires.ok()).isFalse();
        assertThat(neverFires.output()).contains("OrdersDeadLettersOpen");

        Files.writeString(rules, rulesWith("max(orders_relay_slot_active) == 0", "max(orders_relay_slot_active) < 2"),
                StandardCharsets.UTF_8);
        Promtool.Result alwaysFires = Promtool.testRules(tests);
        assertThat(alwaysFires.ok()).isFalse();
        assertThat(alwaysFires.output()).contains("OrdersRelaySlotInactive");
    }

    /** The real rules with one change, which must apply. */
    private static String rulesWith(String original, String replacement) {
        String rules = RepoFiles.read(MonitoringTest.RULES);
        assertThat(rules).contains(original);
        return rules.replace(original, replacement);
    }

    private static void removeCases(Map<String, Object> tests, String alert, boolean firing) {
        for (Object test : Yamls.list(tests.get("tests"))) {
            Map<String, Object> t = Yamls.map(test);
            List<Object> kept = new ArrayList<>();
            for (Object ruleTest : Yamls.list(t.get("alert_rule_test"))) {
                Map<String, Object> rt = Yamls.map(ruleTest);
                boolean fires = !Yamls.list(rt.get("exp_alerts")).isEmpty();
                if (!(alert.equals(rt.get("alertname")) && fires == firing)) {
                    kept.add(rt);
                }
            }
            t.put("alert_rule_test", kept);
        }
    }

    private static void renameCases(Map<String, Object> tests, String alert, String misspelt) {
        for (Object test : Yamls.list(tests.get("tests"))) {
            for (Object ruleTest : Yamls.list(Yamls.map(test).get("alert_rule_test"))) {
                Map<String, Object> rt = Yamls.map(ruleTest);
                if (alert.equals(rt.get("alertname"))) {
                    rt.put("alertname", misspelt);
                }
            }
        }
    }
}
