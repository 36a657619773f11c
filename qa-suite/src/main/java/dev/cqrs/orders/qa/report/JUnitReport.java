package dev.cqrs.orders.qa.report;

import java.time.Duration;
import java.util.Locale;

/**
 * The verdict as JUnit XML, which CI servers show as test results: one test case per check of the {@link Verdict},
 * failed with its reasons or skipped with why it could not run.
 */
final class JUnitReport {

    private final SuiteReport b;
    private final Verdict verdict;

    JUnitReport(SuiteReport b) {
        this.b = b;
        this.verdict = Verdict.of(b);
    }

    String render() {
        long failed = verdict.checks().stream().filter(check -> check.skipped() == null && !check.failures().isEmpty()).count();
        long skipped = verdict.checks().stream().filter(check -> check.skipped() != null).count();
        String suite = "qa-suite." + (b.mode == SuiteReport.Mode.RUN ? "run" : "reconcile");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\"%s>%n",
                suite, verdict.checks().size(), failed, skipped, seconds(b.duration),
                b.startedAt == null ? "" : " timestamp=\"" + b.startedAt.toString().replaceFirst("\\.\\d+Z$", "").replace("Z", "") + "\""));
        xml.append("  <properties>\n");
        property(xml, "runId", b.ledger.runId());
        property(xml, "target", b.target);
        property(xml, "faultDriver", b.driver);
        property(xml, "seed", Long.toString(b.config.seed()));
        xml.append("  </properties>\n");
        for (Verdict.Check check : verdict.checks()) {
            xml.append("  <testcase classname=\"").append(suite).append("\" name=\"").append(escape(check.name())).append("\" time=\"0\"");
            if (check.skipped() != null) {
                xml.append(">\n    <skipped message=\"").append(escape(check.skipped())).append("\"/>\n  </testcase>\n");
            } else if (!check.failures().isEmpty()) {
                xml.append(">\n    <failure message=\"").append(escape(check.failures().get(0))).append("\" type=\"VerdictFailure\">")
                        .append(escape(String.join("\n", check.failures()))).append("</failure>\n  </testcase>\n");
            } else {
                xml.append("/>\n");
            }
        }
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("    <property name=\"").append(name).append("\" value=\"").append(escape(value)).append("\"/>\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 allows no other control characters than tab, newline and carriage return.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static double seconds(Duration duration) {
        return duration == null ? 0 : duration.toMillis() / 1000.0;
    }
}
