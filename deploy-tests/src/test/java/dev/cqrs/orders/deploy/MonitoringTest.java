package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/monitoring checked by Prometheus' own promtool: the rules parse, their unit tests pass, and every alert has a
 * firing and a quiet case; the overlays carry the same rules as a PrometheusRule and the dashboard as a ConfigMap; the
 * dashboard's queries parse and show every figure the alerts use. That the metric names exist is checked against a
 * real scrape in e2e-tests (MonitoringMetricNamesIT).
 */
class MonitoringTest {

    static final String RULES = "k8s/monitoring/prometheus-rules.yaml";
    static final String TESTS = "k8s/monitoring/prometheus-rules-test.yaml";
    static final String DASHBOARD = "k8s/monitoring/grafana-dashboard.json";

    static Map<String, Object> rules() {
        return Yamls.load(RepoFiles.read(RULES));
    }

    static Map<String, Object> tests() {
        return Yamls.load(RepoFiles.read(TESTS));
    }

    static JsonNode dashboard() throws IOException {
        return JsonMapper.builder().build().readTree(RepoFiles.read(DASHBOARD));
    }

    @Test
    void promtoolAcceptsTheRules() {
        Promtool.Result result = Promtool.checkRules(RepoFiles.path(RULES));
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: " + MonitoringChecker.alerts(rules()).size() + " rules found");
    }

    @Test
    void everyAlertFiresOnAFailureAndStaysQuietOnHealthySeriesInPromtoolsUnitTests() {
        assertThat(MonitoringChecker.checkTestCoverage(rules(), tests())).isEmpty();

        Promtool.Result result = Promtool.testRules(RepoFiles.path(TESTS));
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
        long cases = Yamls.list(tests().get("tests")).stream()
                .mapToLong(test -> Yamls.list(Yamls.map(test).get("alert_rule_test")).size()).sum();
        System.out.printf("promtool test rules: %d alerts, %d test groups, %d alert cases: SUCCESS%n",
                MonitoringChecker.alerts(rules()).size(), Yamls.list(tests().get("tests")).size(), cases);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void eachOverlayCarriesTheRulesVerbatimAsAPrometheusRule(String overlay) {
        List<Map<String, Object>> rendered = Yamls.loadAll(Kubectl.kustomize(RepoFiles.path(overlay)));
        List<Map<String, Object>> prometheusRules = rendered.stream()
                .filter(doc -> "PrometheusRule".equals(doc.get("kind"))).toList();
        assertThat(prometheusRules).hasSize(1);
        assertThat(prometheusRules.get(0).get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(MonitoringChecker.checkSameGroups(rules(), prometheusRules.get(0))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void eachOverlayShipsTheDashboardForGrafanasSidecar(String overlay) {
        ConfigMap dashboard = Overlays.generated(Overlays.render(overlay), ConfigMap.class, "cqrs-outbox-grafana-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData()).containsEntry("grafana-dashboard.json", RepoFiles.read(DASHBOARD));
    }

    @Test
    void promtoolParsesEveryDashboardQuery(@TempDir Path dir) throws IOException {
        List<String> exprs = MonitoringChecker.dashboardExprs(dashboard());
        assertThat(exprs).isNotEmpty().allSatisfy(expr -> assertThat(expr).isNotBlank());

        Path asRules = Files.writeString(dir.resolve("dashboard-queries.yaml"), MonitoringChecker.recordingRulesOf(exprs),
                StandardCharsets.UTF_8);
        Promtool.Result result = Promtool.checkRules(asRules);
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: " + exprs.size() + " rules found");
    }

    @Test
    void theDashboardShowsEveryFigureTheAlertsUse() throws IOException {
        assertThat(MonitoringChecker.checkDashboardShowsAlertMetrics(rules(), MonitoringChecker.dashboardExprs(dashboard())))
                .isEmpty();
    }
}
