package dev.cqrs.orders.e2e.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * What a chaos run does. Each setting is a system property {@code chaos.<name>} or an environment variable
 * {@code CHAOS_<NAME>} (the property wins); the defaults are the short run that {@code mvn verify} includes.
 *
 * @param orders            orders to place (each then moved through a random valid path of the state machine)
 * @param clients           concurrent client threads; each drives its orders one at a time, request after request
 * @param faults            faults to inject; with 6 or more, every {@link FaultKind} occurs at least once
 * @param seed              makes the orders, their paths and the fault plan repeatable (not the timing)
 * @param customers         distinct customer ids of the run, over which the orders are spread
 * @param quiescence        how long the read side may take, after the load, to show every acknowledged command
 * @param commandDeadline   how long a client keeps retrying one command while a component is down
 * @param requestTimeout    HTTP timeout of one request
 * @param think             pause of a client between two of its requests
 * @param rate              most commands per second of all clients together (0: as fast as they go); a rate the
 *                          read side can follow keeps the delays about the system rather than about a saturated machine
 * @param warmup            the first part of the load, while the JVMs warm up (JIT on two cores): no fault before it
 *                          ends, and its delays are reported apart
 * @param faultGap          least time between the end of one fault and the start of the next
 * @param spread            over how long the orders of a fault's segment are released while the fault lasts
 * @param downtime          how long a stopped Kafka or PostgreSQL stays down
 * @param rewindRecords     how far a rewind moves each consumer group back, per partition
 * @param invalidRate       share of orders that also get one deliberately invalid transition (expected: 409)
 * @param sampleCap         most acknowledgements the delay sampler watches at once
 * @param sampleEvery       the delay sampler takes at most one acknowledgement per this interval
 * @param topic             the event topic
 * @param reportDir         where chaos-report.md / .json and the ledger are written
 */
public record ChaosConfig(int orders, int clients, int faults, long seed, int customers, Duration quiescence,
                          Duration commandDeadline, Duration requestTimeout, Duration think, double rate, Duration warmup,
                          Duration faultGap,
                          Duration spread, Duration downtime, long rewindRecords, double invalidRate, int sampleCap, Duration sampleEvery,
                          String topic,
                          Path reportDir) {

    public ChaosConfig {
        require(orders >= 1, "orders must be at least 1");
        require(clients >= 1, "clients must be at least 1");
        require(faults >= 0, "faults must not be negative");
        require(customers >= 1, "customers must be at least 1");
        require(invalidRate >= 0 && invalidRate <= 1, "invalidRate must be between 0 and 1");
        require(sampleCap >= 1, "sampleCap must be at least 1");
        require(rewindRecords >= 0, "rewindRecords must not be negative");
    }

    /** From {@code chaos.*} system properties and {@code CHAOS_*} environment variables. */
    public static ChaosConfig fromEnvironment() {
        return from(name -> {
            String property = System.getProperty("chaos." + name);
            if (property != null && !property.isBlank() && !property.startsWith("${")) {
                return property.trim();
            }
            String env = System.getenv("CHAOS_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
            return env == null || env.isBlank() ? null : env.trim();
        });
    }

    static ChaosConfig from(UnaryOperator<String> settings) {
        Settings s = new Settings(settings);
        int clients = s.integer("clients", 4);
        return new ChaosConfig(
                s.integer("orders", 150),
                clients,
                s.integer("faults", 6),
                s.longValue("seed", ThreadLocalRandom.current().nextLong(1, 1_000_000_000L)),
                s.integer("customers", clients),
                s.seconds("quiescenceSeconds", 240),
                s.seconds("commandDeadlineSeconds", 180),
                s.seconds("requestTimeoutSeconds", 10),
                s.millis("thinkMs", 10),
                Double.parseDouble(s.string("rate", "0")),
                s.seconds("warmupSeconds", 15),
                s.millis("faultGapMs", 1_000),
                s.seconds("spreadSeconds", 20),
                s.millis("downtimeMs", 2_000),
                s.longValue("rewindRecords", 200),
                Double.parseDouble(s.string("invalidRate", "0.05")),
                s.integer("sampleCap", 32),
                s.millis("sampleEveryMs", 50),
                s.string("topic", "orders.events"),
                Path.of(s.string("reportDir", "target/chaos")));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("chaos configuration: " + message);
        }
    }

    private record Settings(UnaryOperator<String> source) {

        String string(String name, String fallback) {
            String value = source.apply(name);
            return value == null ? fallback : value;
        }

        int integer(String name, int fallback) {
            return (int) longValue(name, fallback);
        }

        long longValue(String name, long fallback) {
            String value = source.apply(name);
            try {
                return value == null ? fallback : Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("chaos." + name + " must be a whole number, got '" + value + "'");
            }
        }

        Duration seconds(String name, long fallback) {
            return Duration.ofSeconds(longValue(name, fallback));
        }

        Duration millis(String name, long fallback) {
            return Duration.ofMillis(longValue(name, fallback));
        }
    }
}
