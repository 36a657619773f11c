package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The three nodes as real processes of the packaged exec jar: start, stop, kill -9, restart, keeping their data. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfraProcessesIT {

    private static LocalSystem system;

    @BeforeAll
    static void startInfra() {
        Path workDir = Path.of(System.getProperty("localstack.workDir", "target/it"));
        system = LocalSystem.builder()
                .ports(StackPorts.free())
                .dataDir(workDir.resolve("infra"))
                .stackJar(Path.of(System.getProperty("localstack.stackJar", "target/local-stack-0.1.0-SNAPSHOT-exec.jar")))
                .startTimeout(Duration.ofSeconds(120))
                .build();
        system.deleteData();
        system.startInfra();
    }

    @AfterAll
    static void stopInfra() {
        if (system != null) {
            system.close();
            for (Component component : Component.infra()) {
                assertThat(system.running(component)).isFalse();
            }
            assertThat(postmasterPid()).as("no PostgreSQL left behind").satisfiesAnyOf(
                    pid -> assertThat(pid).isEmpty(), pid -> assertThat(Pids.alive(pid.getAsLong())).isFalse());
        }
    }

    @Test
    @Order(1)
    void everyNodeIsReadyInItsOwnProcess() throws Exception {
        for (Component component : Component.infra()) {
            assertThat(system.running(component)).as(component.id()).isTrue();
            assertThat(system.pid(component)).isPresent().get().isNotEqualTo(ProcessHandle.current().pid());
            assertThat(system.startupTime(component)).isPresent();
        }
        assertThat(query("SHOW wal_level")).isEqualTo("logical");
        assertThat(system.logTail(Component.POSTGRES, 50)).contains("PostgreSQL is up");
    }

    @Test
    @Order(2)
    void aKilledPostgresLeavesAnOrphanServerThatTheNextStartStopsAndKeepsTheData() throws Exception {
        execute("CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (7)");
        system.kill(Component.POSTGRES);
        OptionalLong orphan = postmasterPid();
        assertThat(orphan).isPresent();
        assertThat(Pids.alive(orphan.getAsLong())).as("kill -9 of the wrapper leaves the postmaster running").isTrue();

        system.start(Component.POSTGRES);

        assertThat(Pids.alive(orphan.getAsLong())).isFalse();
        assertThat(query("SELECT id FROM kept")).isEqualTo("7");
    }

    @Test
    @Order(3)
    void kafkaKeepsItsTopicsAcrossAKillAndARestart() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1))).all().get();
        }
        system.kill(Component.KAFKA);
        system.start(Component.KAFKA);
        system.restart(Component.KAFKA);
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).contains("kept");
        }
    }

    @Test
    @Order(4)
    void mongoKeepsItsDocumentsAcrossAStopAndAStart() {
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            client.getDatabase("t").getCollection("c").insertOne(new Document("_id", "a").append("v", 1));
        }
        system.stop(Component.MONGO);
        assertThat(system.running(Component.MONGO)).isFalse();
        assertThat(Ports.listening(system.ports().mongo())).isFalse();
        system.start(Component.MONGO);
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            assertThat(client.getDatabase("t").getCollection("c").find(new Document("_id", "a")).first()).containsEntry("v", 1);
        }
    }

    @Test
    @Order(5)
    void aStoppedPostgresShutsDownItsServerToo() {
        OptionalLong postmaster = postmasterPid();
        assertThat(postmaster).isPresent();
        system.stop(Component.POSTGRES);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Pids.alive(postmaster.getAsLong()));
        system.start(Component.POSTGRES);
    }

    /** What the benchmarks' polling-relay run does with RELAY_ENABLED=false: one launch with extra variables. */
    @Test
    @Order(6)
    void extraEnvironmentHoldsForOneLaunchOnly() throws Exception {
        system.stop(Component.MONGO);
        system.start(Component.MONGO, Map.of("BENCH_MARKER", "polling-run"));
        assertThat(environment(system.pid(Component.MONGO).orElseThrow())).contains("BENCH_MARKER=polling-run");
        system.restart(Component.MONGO);
        assertThat(environment(system.pid(Component.MONGO).orElseThrow())).noneMatch(v -> v.startsWith("BENCH_MARKER="));
    }

    private static List<String> environment(long pid) throws IOException {
        return List.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8)
                .split("\u0000"));
    }

    private static OptionalLong postmasterPid() {
        return Pids.read(system.dataDir().resolve("postgres/postmaster.pid"));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()));
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(system.jdbcUrl(), PostgresNode.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(system.jdbcUrl(), PostgresNode.USER, "");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
