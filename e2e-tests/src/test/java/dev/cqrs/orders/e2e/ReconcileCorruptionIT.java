package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.faults.NoFaults;
import dev.cqrs.orders.qa.report.SuiteReport;
import dev.cqrs.orders.qa.run.SuiteRun;
import dev.cqrs.orders.qa.system.OwnSystem;
import tools.jackson.databind.JsonNode;

/**
 * {@code --reconcile} of the QA suite's executable jar, run as QA runs it (a process, only a JRE), against the shared
 * system: after a short run it passes; after one customer summary's count is changed by hand through the MongoDB driver
 * (as a bug or an operator's mistake would), it exits 1 and names that document.
 */
@EndToEnd
class ReconcileCorruptionIT {

    private record Outcome(int exitCode, String output) {
    }

    @TempDir
    Path dir;

    @Test
    void aCustomerSummaryChangedByHandFailsTheReconciliationWhichNamesItsDocument(LocalSystem system) throws Exception {
        SuiteConfig config = SuiteConfig.from(Map.of("orders", "20", "clients", "2", "customers", "2", "seed", "15",
                "reportDir", dir.resolve("run").toString())::get);
        SuiteReport run = new SuiteRun(OwnSystem.target(system), new NoFaults(), config).run();
        assertThat(run.failures()).as("the run itself").isEmpty();
        Path ledger = dir.resolve("run/ledger.jsonl");
        assertThat(ledger).isRegularFile();

        Outcome clean = reconcile(system, ledger, "clean");
        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("Reconciliation of run " + run.ledger().runId() + ": PASSED");

        String customer = run.ledger().customers().get(0);
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            MongoCollection<Document> summaries = liveSummaries(system, mongo);
            assertThat(summaries.updateOne(Filters.eq("_id", customer), Updates.inc("counts.CREATED", 1)).getModifiedCount())
                    .isEqualTo(1);
            try {
                Outcome corrupt = reconcile(system, ledger, "corrupt");
                assertThat(corrupt.exitCode()).as(corrupt.output()).isEqualTo(1);
                assertThat(corrupt.output()).contains("FAILED").contains("customer_summaries/" + customer)
                        .contains("ordersByStatus.CREATED is");
                JsonNode report = tools.jackson.databind.json.JsonMapper.builder().build()
                        .readTree(Files.readString(dir.resolve("corrupt/report.json")));
                assertThat(report.path("verdict").asString()).isEqualTo("FAILED");
                assertThat(report.path("problems")).hasSize(1);
                assertThat(report.path("problems").get(0).path("document").asString()).isEqualTo("customer_summaries/" + customer);
                assertThat(Files.readString(dir.resolve("corrupt/TEST-qa-suite.xml"))).contains("<failure message=\"1 customer summary");
            } finally {
                summaries.updateOne(Filters.eq("_id", customer), Updates.inc("counts.CREATED", -1));
            }
        }
    }

    /**
     * The customer summaries the query service serves now, as its admin API names them (a rebuild may have switched
     * to another generation; the naming is the service's to know).
     */
    private static MongoCollection<Document> liveSummaries(LocalSystem system, MongoClient mongo) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.queryUrl() + "/admin/read-models"))
                            .header("Authorization", system.adminAuthorization()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode readModels = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
            String collection = null;
            for (JsonNode readModel : readModels) {
                for (JsonNode name : readModel.path("collections")) {
                    if (name.asString().startsWith("customer_summaries")) {
                        collection = name.asString();
                    }
                }
            }
            assertThat(collection).as("customer summaries in %s", response.body()).isNotNull();
            return mongo.getDatabase("orders_read").getCollection(collection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Outcome reconcile(LocalSystem system, Path ledger, String reportDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString(), "--reconcile", ledger.toString(),
                "--command-url", system.commandUrl(), "--query-url", system.queryUrl(),
                "--kafka-bootstrap", system.kafkaBootstrapServers(), "--jdbc-url", system.jdbcUrl(),
                "--quiescence-seconds", "10", "--report-dir", dir.resolve(reportDir).toString()));
        Path output = dir.resolve(reportDir + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("QA_ADMIN_AUTH", system.adminUser() + ":" + system.adminPassword());
        // As QA gives the suite a staff token of the deployment's issuer.
        builder.environment().put("QA_API_TOKEN", system.apiTokens().staff());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the reconciliation did not end within 5 minutes: " + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(text);
        return new Outcome(process.exitValue(), text);
    }

    private static Path jar() {
        String property = System.getProperty("e2e.qaSuiteJar", "");
        Path jar = Path.of(property.isBlank() || property.startsWith("${") ? "../qa-suite/target/qa-suite-0.1.0-SNAPSHOT-exec.jar"
                : property);
        if (!Files.isRegularFile(jar)) {
            throw new UncheckedIOException(new IOException("no executable jar of the QA suite at " + jar.toAbsolutePath()));
        }
        return jar;
    }
}
