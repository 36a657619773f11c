package dev.cqrs.orders.qa.config;

import java.util.Locale;

/**
 * Every setting of a run, in one place: its name, its default and what it means. The command line takes each as
 * {@code --<kebab-name>}; the e2e suite and {@code ./run chaos} as {@code -Dchaos.<name>} or {@code CHAOS_<NAME>}.
 */
public enum Setting {
    ORDERS("orders", "150", "orders to place; each then goes through a random valid path of the state machine"),
    MIN_ORDERS("minOrders", "= orders", "the run fails if fewer creates were acknowledged"),
    CLIENTS("clients", "4", "concurrent clients; each drives its orders one at a time, request after request"),
    RATE("rate", "40", "most commands per second of all clients together (must be above 0: the load is always bounded)"),
    MAX_LOAD_SECONDS("maxLoadSeconds", "1800", "no new order starts after this; the run then reconciles what it did"),
    FAULTS("faults", "10", "faults to inject (with a fault driver); with at least as many faults as the driver has kinds,"
            + " every kind occurs, and the run fails if a planned kind was never injected"),
    SEED("seed", "random", "makes the orders, their paths and the fault plan repeatable (not the timing)"),
    CUSTOMERS("customers", "= clients", "customer ids of the run (each <run id>-c<n>), over which the orders are spread"),
    QUIESCENCE_SECONDS("quiescenceSeconds", "240", "how long the read side may take after the load to show every"
            + " acknowledged command (--reconcile: 60)"),
    COMMAND_DEADLINE_SECONDS("commandDeadlineSeconds", "180", "how long a client retries one command while a component is down"),
    REQUEST_TIMEOUT_SECONDS("requestTimeoutSeconds", "10", "HTTP timeout of one request"),
    THINK_MS("thinkMs", "10", "pause of a client between two of its requests"),
    WARMUP_SECONDS("warmupSeconds", "15", "no fault before this; its delays are reported apart (JIT, caches)"),
    FAULT_GAP_MS("faultGapMs", "1000", "least time between the end of one fault and the start of the next"),
    SPREAD_SECONDS("spreadSeconds", "20", "over how long a fault's share of the orders is released while it lasts"),
    DOWNTIME_MS("downtimeMs", "2000", "how long a cleanly stopped server stays down (when the driver can keep it down)"),
    REWIND_RECORDS("rewindRecords", "200", "how far a rewind moves each consumer group back, per partition"),
    INVALID_RATE("invalidRate", "0.05", "share of orders that also get one deliberately invalid transition (expect 409)"),
    MAX_AMBIGUOUS_SHARE("maxAmbiguousShare", "0.01", "the run fails if a larger share of the acknowledged orders ends"
            + " with a command whose outcome stayed unknown"),
    MAX_MISSED_MOMENT_SHARE("maxMissedMomentShare", "0.2", "the run fails if a larger share of the faults was injected"
            + " without its moment (no request in flight, no record pending, no 2xx to kill after)"),
    READ_YOUR_WRITES_SHARE("readYourWritesShare", "0.1", "share of acknowledged commands followed at once by a"
            + " read-your-writes read (GET /orders/{id}?minVersion=)"),
    READ_YOUR_WRITES_WAIT_MS("readYourWritesWaitMs", "2000", "waitMs of those reads"),
    SAMPLE_CAP("sampleCap", "32", "most acknowledgements the commit-to-visible sampler watches at once"),
    SAMPLE_EVERY_MS("sampleEveryMs", "50", "the sampler takes at most one acknowledgement per this interval"),
    TOPIC("topic", "orders.events", "the event topic (lag check, topic audit, rewinds)"),
    CONSUMER_GROUP_PREFIX("consumerGroupPrefix", "order-query.", "the query service's consumer groups: the lag check,"
            + " the moment of KILL_QUERY and rewinds look at these only"),
    REPORT_DIR("reportDir", "qa-report", "where the report, the ledger and the JUnit XML go");

    private final String key;
    private final String fallback;
    private final String help;

    Setting(String key, String fallback, String help) {
        this.key = key;
        this.fallback = fallback;
        this.help = help;
    }

    /** The camel-case name, as in {@code -Dchaos.<key>}. */
    public String key() {
        return key;
    }

    /** The default as the help shows it. */
    public String fallback() {
        return fallback;
    }

    public String help() {
        return help;
    }

    /** The command-line flag: {@code maxLoadSeconds} is {@code --max-load-seconds}. */
    public String flag() {
        return "--" + key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The environment variable: {@code maxLoadSeconds} is {@code CHAOS_MAX_LOAD_SECONDS}. */
    public String environmentVariable() {
        return "CHAOS_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
