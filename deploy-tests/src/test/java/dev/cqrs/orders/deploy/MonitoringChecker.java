package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks of k8s/monitoring that promtool does not make: each alert has a firing and a quiet unit test, the
 * PrometheusRule carries the plain rules file's groups verbatim, and the dashboard shows every figure the alerts use.
 */
final class MonitoringChecker {

    /** Our metrics are all named orders_*; label values (order-view) and alert names (OrdersX) never match. */
    private static final Pattern METRIC = Pattern.compile("\\borders_[a-z0-9_]+\\b");

    private MonitoringChecker() {
    }

    /** Alert name to expression, in file order. */
    static Map<String, String> alerts(Map<String, Object> rules) {
        Map<String, String> alerts = new LinkedHashMap<>();
        for (Object group : Yamls.list(rules.get("groups"))) {
            for (Object rule : Yamls.list(Yamls.map(group).get("rules"))) {
                Map<String, Object> r = Yamls.map(rule);
                if (r.get("alert") != null) {
                    alerts.put(String.valueOf(r.get("alert")), String.valueOf(r.get("expr")));
                }
            }
        }
        return alerts;
    }

    static Set<String> metrics(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(expr);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /**
     * Every alert has a case that expects it to fire and a quiet one (no alert expected) whose input series include
     * every metric of its expression, so that "quiet" is measured on healthy data, not on no data; no case names an
     * alert the rules do not have (promtool would pass an expected silence of a misspelt alert).
     */
    static List<String> checkTestCoverage(Map<String, Object> rules, Map<String, Object> tests) {
        Map<String, String> alerts = alerts(rules);
        Set<String> firing = new LinkedHashSet<>();
        Set<String> quiet = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Object test : Yamls.list(tests.get("tests"))) {
            Map<String, Object> t = Yamls.map(test);
            Set<String> fed = new TreeSet<>();
            for (Object input : Yamls.list(t.get("input_series"))) {
                fed.add(String.valueOf(Yamls.map(input).get("series")).split("\\{", 2)[0].trim());
            }
            for (Object ruleTest : Yamls.list(t.get("alert_rule_test"))) {
                Map<String, Object> rt = Yamls.map(ruleTest);
                String name = String.valueOf(rt.get("alertname"));
                if (!alerts.containsKey(name)) {
                    problems.add("test '" + t.get("name") + "' expects alert " + name + ", which the rules do not have");
                } else if (!Yamls.list(rt.get("exp_alerts")).isEmpty()) {
                    firing.add(name);
                } else if (fed.containsAll(metrics(alerts.get(name)))) {
                    quiet.add(name);
                } else {
                    problems.add("test '" + t.get("name") + "' expects " + name + " to stay quiet without feeding "
                            + "all of its metrics " + metrics(alerts.get(name)) + " (it feeds " + fed + ")");
                }
            }
        }
        for (String alert : alerts.keySet()) {
            if (!firing.contains(alert)) {
                problems.add("alert " + alert + " has no unit test in which it fires");
            }
            if (!quiet.contains(alert)) {
                problems.add("alert " + alert + " has no unit test in which it stays quiet on healthy series");
            }
        }
        return problems;
    }

    /** The PrometheusRule (as kustomize rendered it) holds exactly the groups of the plain rules file. */
    static List<String> checkSameGroups(Map<String, Object> rules, Map<String, Object> prometheusRule) {
        Object groups = Yamls.map(prometheusRule.get("spec")).get("groups");
        if (Objects.equals(groups, rules.get("groups"))) {
            return List.of();
        }
        return List.of("PrometheusRule " + Yamls.map(prometheusRule.get("metadata")).get("name") + ": spec.groups "
                + "differ from k8s/monitoring/prometheus-rules.yaml; copy that file's groups into prometheusrule.yaml");
    }

    /** Every query of every panel, rows' nested panels included. */
    static List<String> dashboardExprs(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        collect(dashboard.path("panels"), exprs);
        return exprs;
    }

    private static void collect(JsonNode panels, List<String> exprs) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(target -> exprs.add(target.path("expr").asText()));
            collect(panel.path("panels"), exprs);
        }
    }

    /** The dashboard has the same figures as the alerts: each metric an alert reads is on some panel. */
    static List<String> checkDashboardShowsAlertMetrics(Map<String, Object> rules, List<String> dashboardExprs) {
        Set<String> shown = new TreeSet<>();
        dashboardExprs.forEach(expr -> shown.addAll(metrics(expr)));
        List<String> problems = new ArrayList<>();
        alerts(rules).forEach((alert, expr) -> metrics(expr).stream().filter(m -> !shown.contains(m))
                .forEach(m -> problems.add("alert " + alert + " reads " + m + ", which no dashboard panel shows")));
        return problems;
    }

    /** A rules file with one recording rule per query, so that {@code promtool check rules} parses each of them. */
    static String recordingRulesOf(List<String> exprs) {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            yaml.append("      - record: dashboard:query_").append(i).append('\n')
                    .append("        expr: '").append(exprs.get(i).replace("'", "''")).append("'\n");
        }
        return yaml.toString();
    }
}
