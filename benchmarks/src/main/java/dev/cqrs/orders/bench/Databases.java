package dev.cqrs.orders.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** Databases of the baselines, on the same PostgreSQL server as the service's, with the service's own schema. */
final class Databases {

    static final String USER = "postgres";
    private static final Pattern MIGRATION = Pattern.compile("BOOT-INF/classes/db/migration/V(\\d+)__[^/]+\\.sql");

    private Databases() {
    }

    /** jdbc:postgresql://host:port/name, from the service database's URL. */
    static String urlOf(String serviceUrl, String database) {
        return serviceUrl.substring(0, serviceUrl.lastIndexOf('/') + 1) + database;
    }

    /**
     * Drops and creates {@code database}, then runs the command service's Flyway migrations in it, read from the
     * very jar the service runs (so the baseline's tables, indexes and constraints are the service's).
     */
    static String recreateWithServiceSchema(String serviceUrl, String database, Path commandJar) throws SQLException, IOException {
        try (Connection admin = DriverManager.getConnection(urlOf(serviceUrl, "postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        String url = urlOf(serviceUrl, database);
        try (Connection connection = DriverManager.getConnection(url, USER, "");
             Statement statement = connection.createStatement()) {
            for (String sql : migrations(commandJar)) {
                statement.execute(sql);
            }
        }
        return url;
    }

    /** The migration scripts in version order. */
    static List<String> migrations(Path commandJar) throws IOException {
        Map<Integer, String> scripts = new TreeMap<>(Comparator.naturalOrder());
        try (ZipFile jar = new ZipFile(commandJar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                Matcher matcher = MIGRATION.matcher(entry.getName());
                if (matcher.matches()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        scripts.put(Integer.parseInt(matcher.group(1)), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        if (scripts.isEmpty()) {
            throw new IOException("no db/migration/V*.sql in " + commandJar);
        }
        return new ArrayList<>(scripts.values());
    }

    static long queryLong(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The pid of PostgreSQL's postmaster: the parent of a backend. */
    static long postmasterPid(String url) throws SQLException {
        long backend = queryLong(url, "SELECT pg_backend_pid()");
        return Procs.parentPid(backend);
    }

    /**
     * A client of the read store that gives up on a silent server after a minute, so a phase fails into the report's
     * notes instead of hanging the run (a wire server out of heap stops answering without closing the socket).
     */
    static MongoClient mongoClient(String uri) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToSocketSettings(socket -> socket.readTimeout(60, TimeUnit.SECONDS))
                .build());
    }
}
