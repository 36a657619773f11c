package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Each node starts for real, keeps its data in its directory, and finds it again after a restart. */
class NodesTest {

    @TempDir
    Path dir;

    @Test
    void postgresRunsWithLogicalDecodingAndKeepsDataAcrossRestarts() throws Exception {
        int port = Ports.free();
        try (PostgresNode pg = PostgresNode.start(dir.resolve("pg"), port);
             Connection c = DriverManager.getConnection(pg.jdbcUrl(), PostgresNode.USER, "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW wal_level")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
            }
            s.execute("CREATE TABLE kept (id int)");
            s.execute("INSERT INTO kept VALUES (42)");
        }
        try (PostgresNode pg = PostgresNode.start(dir.resolve("pg"), port);
             Connection c = DriverManager.getConnection(pg.jdbcUrl(), PostgresNode.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void aPostmasterThatDiesIsReportedAtOnce() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();
        try (PostgresNode pg = PostgresNode.start(dir.resolve("pg"), Ports.free())) {
            pg.onUnexpectedExit(exit::complete);
            ProcessHandle.of(pg.pid()).orElseThrow().destroyForcibly();
            assertThat(exit.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(137);
        }
    }

    @Test
    void kafkaFormatsAgainWhatAnInterruptedFirstStartLeft() throws Exception {
        Path kafkaDir = dir.resolve("kafka");
        Files.createDirectories(kafkaDir.resolve("logs"));
        Files.writeString(kafkaDir.resolve("logs/bootstrap.checkpoint"), "half");
        Files.createDirectories(kafkaDir.resolve("logs.formatting"));
        try (KafkaNode kafka = KafkaNode.start(kafkaDir, Ports.free(), Ports.free());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("after-repair", 1, (short) 1))).all().get();
        }
        assertThat(kafkaDir.resolve("logs/meta.properties")).exists();
        assertThat(kafkaDir.resolve("logs.formatting")).doesNotExist();
        try (var entries = Files.list(kafkaDir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("logs.incomplete-"));
        }
    }

    @Test
    void anEmptyMongoFileLeftByAKilledFirstStartIsUsable() throws Exception {
        Path mongoDir = Files.createDirectories(dir.resolve("mongo"));
        Files.createFile(mongoDir.resolve("mongo.mv"));
        int port = Ports.free();
        try (MongoNode node = MongoNode.start(mongoDir, port);
             MongoClient client = MongoClients.create(node.connectionString())) {
            client.getDatabase("d").getCollection("c").insertOne(new Document("_id", 1));
            assertThat(client.getDatabase("d").getCollection("c").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void kafkaKeepsTopicsAcrossRestarts() throws Exception {
        int port = Ports.free();
        int controller = Ports.free();
        try (KafkaNode kafka = KafkaNode.start(dir.resolve("kafka"), port, controller);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
        }
        try (KafkaNode kafka = KafkaNode.start(dir.resolve("kafka"), port, controller);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains("kept");
        }
    }

    @Test
    void mongoKeepsDocumentsAcrossRestarts() throws Exception {
        int port = Ports.free();
        try (MongoNode mongo = MongoNode.start(dir.resolve("mongo"), port);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("t").getCollection("c").insertOne(new Document("_id", "a").append("v", 1));
        }
        try (MongoNode mongo = MongoNode.start(dir.resolve("mongo"), port);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(client.getDatabase("t").getCollection("c").find(new Document("_id", "a")).first())
                    .containsEntry("v", 1);
        }
    }
}
