package dev.cqrs.orders.qa.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * What a run does and what its verdict tolerates; each field is one {@link Setting}, which says what it means. The
 * defaults are the short run that {@code mvn verify} includes.
 */
public record SuiteConfig(int orders, int minOrders, int clients, double rate, Duration maxLoad, int faults, long seed,
                          int customers, Duration quiescence, Duration commandDeadline, Duration requestTimeout,
                          Duration think, Duration warmup, Duration faultGap, Duration spread, Duration downtime,
                          long rewindRecords, double invalidRate, double maxAmbiguousShare, double maxMissedMomentShare,
                          double readYourWritesShare, Duration readYourWritesWait, int sampleCap, Duration sampleEvery,
                          String topic, String consumerGroupPrefix, Path reportDir) {

    public SuiteConfig {
        require(orders >= 1, "orders must be at least 1");
        require(minOrders >= 0 && minOrders <= orders, "minOrders must be between 0 and orders");
        require(clients >= 1, "clients must be at least 1");
        require(rate > 0, "rate must be above 0 commands per second: the load is always bounded");
        require(!maxLoad.isNegative() && !maxLoad.isZero(), "maxLoadSeconds must be at least 1");
        require(faults >= 0, "faults must not be negative");
        require(customers >= 1, "customers must be at least 1");
        require(invalidRate >= 0 && invalidRate <= 1, "invalidRate must be between 0 and 1");
        require(maxAmbiguousShare >= 0 && maxAmbiguousShare <= 1, "maxAmbiguousShare must be between 0 and 1");
        require(maxMissedMomentShare >= 0 && maxMissedMomentShare <= 1, "maxMissedMomentShare must be between 0 and 1");
        require(readYourWritesShare >= 0 && readYourWritesShare <= 1, "readYourWritesShare must be between 0 and 1");
        require(sampleCap >= 1, "sampleCap must be at least 1");
        require(rewindRecords >= 0, "rewindRecords must not be negative");
    }

    /** From {@code chaos.*} system properties and {@code CHAOS_*} environment variables (the property wins). */
    public static SuiteConfig fromEnvironment() {
        return from(name -> {
            Setting setting = byKey(name);
            String property = System.getProperty("chaos." + name);
            if (property != null && !property.isBlank() && !property.startsWith("${")) {
                return property.trim();
            }
            String env = System.getenv(setting.environmentVariable());
            return env == null || env.isBlank() ? null : env.trim();
        });
    }

    /** From a source that answers a setting's value by its {@link Setting#key()}, or null for its default. */
    public static SuiteConfig from(UnaryOperator<String> source) {
        Values s = new Values(source);
        int orders = s.integer(Setting.ORDERS, 150);
        int clients = s.integer(Setting.CLIENTS, 4);
        return new SuiteConfig(
                orders,
                s.integer(Setting.MIN_ORDERS, orders),
                clients,
                s.decimal(Setting.RATE, 40),
                s.seconds(Setting.MAX_LOAD_SECONDS, 1800),
                s.integer(Setting.FAULTS, 10),
                s.longValue(Setting.SEED, ThreadLocalRandom.current().nextLong(1, 1_000_000_000L)),
                s.integer(Setting.CUSTOMERS, clients),
                s.seconds(Setting.QUIESCENCE_SECONDS, 240),
                s.seconds(Setting.COMMAND_DEADLINE_SECONDS, 180),
                s.seconds(Setting.REQUEST_TIMEOUT_SECONDS, 10),
                s.millis(Setting.THINK_MS, 10),
                s.seconds(Setting.WARMUP_SECONDS, 15),
                s.millis(Setting.FAULT_GAP_MS, 1_000),
                s.seconds(Setting.SPREAD_SECONDS, 20),
                s.millis(Setting.DOWNTIME_MS, 2_000),
                s.longValue(Setting.REWIND_RECORDS, 200),
                s.decimal(Setting.INVALID_RATE, 0.05),
                s.decimal(Setting.MAX_AMBIGUOUS_SHARE, 0.01),
                s.decimal(Setting.MAX_MISSED_MOMENT_SHARE, 0.2),
                s.decimal(Setting.READ_YOUR_WRITES_SHARE, 0.1),
                s.millis(Setting.READ_YOUR_WRITES_WAIT_MS, 2_000),
                s.integer(Setting.SAMPLE_CAP, 32),
                s.millis(Setting.SAMPLE_EVERY_MS, 50),
                s.string(Setting.TOPIC, "orders.events"),
                s.string(Setting.CONSUMER_GROUP_PREFIX, "order-query."),
                Path.of(s.string(Setting.REPORT_DIR, "qa-report")));
    }

    /** The setting of a camel-case name; an IllegalArgumentException for an unknown one. */
    public static Setting byKey(String key) {
        for (Setting setting : Setting.values()) {
            if (setting.key().equals(key)) {
                return setting;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + key + "'");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("suite configuration: " + message);
        }
    }

    private record Values(UnaryOperator<String> source) {

        String string(Setting setting, String fallback) {
            String value = source.apply(setting.key());
            return value == null ? fallback : value;
        }

        int integer(Setting setting, int fallback) {
            long value = longValue(setting, fallback);
            if (value != (int) value) {
                throw new IllegalArgumentException(setting.flag() + " is too large: " + value);
            }
            return (int) value;
        }

        long longValue(Setting setting, long fallback) {
            String value = source.apply(setting.key());
            try {
                return value == null ? fallback : Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(setting.flag() + " (chaos." + setting.key() + ") must be a whole number, got '"
                        + value + "'");
            }
        }

        double decimal(Setting setting, double fallback) {
            String value = source.apply(setting.key());
            try {
                return value == null ? fallback : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(setting.flag() + " (chaos." + setting.key() + ") must be a number, got '"
                        + value + "'");
            }
        }

        Duration seconds(Setting setting, long fallback) {
            return Duration.ofSeconds(longValue(setting, fallback));
        }

        Duration millis(Setting setting, long fallback) {
            return Duration.ofMillis(longValue(setting, fallback));
        }
    }
}
