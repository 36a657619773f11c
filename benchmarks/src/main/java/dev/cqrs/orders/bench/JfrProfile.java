package dev.cqrs.orders.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of a running service, started and dumped with jcmd (the service runs as LocalSystem started it;
 * nothing is added to its command line), then summarised: where the CPU samples land by method, by library layer and
 * by thread.
 */
final class JfrProfile {

    /** A share of the samples. */
    record Share(String name, long samples, double fraction) {
    }

    record Summary(long samples, List<Share> topMethods, List<Share> layers, List<Share> threads, List<Share> inclusive,
                   Path file) {
    }

    private static final String NAME = "bench";

    private JfrProfile() {
    }

    static void start(long pid) throws IOException, InterruptedException {
        Jcmd.run(pid, "JFR.start", "name=" + NAME, "settings=profile");
    }

    static void stop(long pid, Path file) throws IOException, InterruptedException {
        Jcmd.run(pid, "JFR.dump", "name=" + NAME, "filename=" + file.toAbsolutePath());
        Jcmd.run(pid, "JFR.stop", "name=" + NAME);
    }

    static Summary summarise(Path file) throws IOException {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> layers = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                RecordedFrame top = frames.get(0);
                methods.merge(method(top), 1L, Long::sum);
                layers.merge(layerOf(frames), 1L, Long::sum);
                RecordedThread thread = event.getThread("sampledThread");
                threads.merge(threadGroup(thread == null ? "?" : thread.getJavaName()), 1L, Long::sum);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (RecordedFrame frame : frames) {
                    String layer = layer(className(frame));
                    if (layer != null && seen.add(layer)) {
                        inclusive.merge(layer, 1L, Long::sum);
                    }
                }
            }
        }
        return new Summary(samples, top(methods, samples, 15), top(layers, samples, 14), top(threads, samples, 10),
                top(inclusive, samples, 14), file);
    }

    private static List<Share> top(Map<String, Long> counts, long total, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(entry -> new Share(entry.getKey(), entry.getValue(), total == 0 ? 0 : entry.getValue() / (double) total))
                .toList();
    }

    private static String method(RecordedFrame frame) {
        return className(frame) + "." + frame.getMethod().getName();
    }

    private static String className(RecordedFrame frame) {
        return frame.getMethod() == null || frame.getMethod().getType() == null ? "?" : frame.getMethod().getType().getName();
    }

    /** The layer of the innermost frame that is not the JDK itself (JDK frames are charged to their caller's layer). */
    private static String layerOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String layer = layer(className(frame));
            if (layer != null && !layer.startsWith("JDK")) {
                return layer;
            }
        }
        String first = layer(className(frames.get(0)));
        return first == null ? "other" : first;
    }

    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("dev.cqrs.orders.command.relay", "our relay (dev.cqrs…relay)");
        LAYERS.put("dev.cqrs.orders", "our code (dev.cqrs.orders)");
        LAYERS.put("org.postgresql", "PostgreSQL JDBC driver");
        LAYERS.put("com.zaxxer.hikari", "HikariCP");
        LAYERS.put("io.debezium", "Debezium");
        LAYERS.put("org.apache.kafka.connect", "Kafka Connect (Debezium engine)");
        LAYERS.put("org.apache.kafka", "Kafka client");
        LAYERS.put("org.apache.catalina", "Tomcat");
        LAYERS.put("org.apache.coyote", "Tomcat");
        LAYERS.put("org.apache.tomcat", "Tomcat");
        LAYERS.put("org.springframework.web", "Spring MVC");
        LAYERS.put("org.springframework.jdbc", "Spring JDBC / transactions");
        LAYERS.put("org.springframework.transaction", "Spring JDBC / transactions");
        LAYERS.put("org.springframework.boot.actuate", "Actuator / metrics");
        LAYERS.put("org.springframework.kafka", "spring-kafka");
        LAYERS.put("org.springframework.data.mongodb", "Spring Data MongoDB");
        LAYERS.put("com.mongodb", "MongoDB driver");
        LAYERS.put("de.bwaldvogel.mongo", "mongo-java-server (the wire server)");
        LAYERS.put("org.h2", "H2 (the wire server's store)");
        LAYERS.put("io.netty", "Netty");
        LAYERS.put("org.bson", "MongoDB driver");
        LAYERS.put("org.springframework", "Spring (other)");
        LAYERS.put("tools.jackson", "Jackson 3 (JSON)");
        LAYERS.put("com.fasterxml.jackson", "Jackson 2 (Debezium JSON)");
        LAYERS.put("io.micrometer.tracing", "Tracing (Micrometer/OTel)");
        LAYERS.put("io.opentelemetry", "Tracing (Micrometer/OTel)");
        LAYERS.put("io.micrometer", "Metrics (Micrometer)");
        LAYERS.put("ch.qos.logback", "Logging");
        LAYERS.put("org.slf4j", "Logging");
        LAYERS.put("org.flywaydb", "Flyway");
        LAYERS.put("java.util.regex", "JDK regex");
        LAYERS.put("java.util.zip", "JDK zip/crc");
        LAYERS.put("sun.nio", "JDK I/O");
        LAYERS.put("java.nio", "JDK I/O");
        LAYERS.put("java.net", "JDK I/O");
        LAYERS.put("java.io", "JDK I/O");
        LAYERS.put("jdk.internal.misc", "JDK internals");
        LAYERS.put("java.lang.invoke", "JDK reflection/invoke");
        LAYERS.put("java.lang.reflect", "JDK reflection/invoke");
        LAYERS.put("jdk.internal.reflect", "JDK reflection/invoke");
        LAYERS.put("java.util.concurrent", "JDK concurrency");
        LAYERS.put("java.", "JDK (other)");
        LAYERS.put("sun.", "JDK (other)");
        LAYERS.put("jdk.", "JDK (other)");
    }

    private static String layer(String className) {
        for (Map.Entry<String, String> prefix : LAYERS.entrySet()) {
            if (className.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return className.equals("?") ? null : "other libraries";
    }

    private static String threadGroup(String name) {
        if (name.startsWith("http-nio")) {
            return "HTTP request threads (http-nio-*-exec)";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "Kafka producer I/O (relay)";
        }
        if (name.contains("debezium") || name.contains("postgres-connector") || name.contains("change-event-source")
                || name.startsWith("pool-") || name.startsWith("outbox-relay") || name.contains("engine")) {
            return "relay / Debezium (" + name.replaceAll("[0-9]+", "N") + ")";
        }
        return name.replaceAll("[0-9]+", "N");
    }
}
