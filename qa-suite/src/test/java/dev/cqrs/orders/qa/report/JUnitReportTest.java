package dev.cqrs.orders.qa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.ledger.Ledger;
import dev.cqrs.orders.qa.readside.Category;
import dev.cqrs.orders.qa.readside.Problem;
import dev.cqrs.orders.qa.readside.Reconciliation;

/** The JUnit XML is well-formed, and has one test case per check: failed with its reasons, or skipped with why. */
class JUnitReportTest {

    @Test
    void everyCheckIsATestCase() throws Exception {
        SuiteReport report = new SuiteReport(SuiteReport.Mode.RECONCILE, SuiteConfig.from(Map.of("orders", "1", "seed", "3")::get),
                new Ledger("qa-1", List.of("qa-1-c0"), List.of()), "the deployment at <http://a> & \"b\"", "none", List.of());
        report.startedAt(Instant.parse("2026-03-01T10:00:00.123Z"));
        report.quiescence(true, Duration.ofSeconds(1), Map.of(), "Kafka");
        report.reconciliation(new Reconciliation(0, 0, Map.of(Category.SUMMARY, java.util.Set.of("qa-1-c0")),
                List.of(new Problem(Category.SUMMARY, null, "qa-1-c0", "customer_summaries/qa-1-c0", "orderCount is 1 <> 0")), Map.of(), 1));
        report.topicNotRun("no Kafka");
        report.writeModelNotRun("no PostgreSQL");
        report.ended(Duration.ofMillis(1500));

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(new JUnitReport(report).render().getBytes(StandardCharsets.UTF_8)));

        Element suite = xml.getDocumentElement();
        Verdict verdict = Verdict.of(report);
        assertThat(suite.getAttribute("name")).isEqualTo("qa-suite.reconcile");
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(verdict.checks().size()));
        assertThat(suite.getAttribute("failures")).isEqualTo("2"); // the summary, and no consumer group found
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-03-01T10:00:00");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(verdict.checks().size());
        assertThat(xml.getElementsByTagName("failure").item(0).getTextContent()).isNotBlank();
        assertThat(suite.getAttribute("skipped")).isEqualTo(Long.toString(xml.getElementsByTagName("skipped").getLength()));
        assertThat(((Element) xml.getElementsByTagName("property").item(1)).getAttribute("value"))
                .isEqualTo("the deployment at <http://a> & \"b\"");
    }
}
