package dev.cqrs.orders.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P3: how fast the relay drains a backlog of committed events from the WAL into Kafka, next to a raw producer sending
 * the same records. It leaves both services stopped.
 */
final class RelayDrain {

    private static final Logger log = LoggerFactory.getLogger(RelayDrain.class);

    /** Our relay's drain: its rate and time from the first published record to the last, and from the JVM's launch. */
    record Ours(double rate, double drainSeconds, double secondsFromLaunch, CpuMeter.Usage cpu) {
        static final Ours NONE = new Ours(Double.NaN, Double.NaN, Double.NaN, null);
    }

    /** The raw producer's drain, and how long its send loop and flush took. */
    record Raw(double rate, double sendSeconds, CpuMeter.Usage cpu) {
        static final Raw NONE = new Raw(Double.NaN, Double.NaN, null);
    }

    /**
     * {@code ours} pipelined (the default), {@code serial} with {@code RELAY_PIPELINED=false}, one batch at a time;
     * {@code profile}: the command service recorded with JFR through a drain of its own (null if it did not run).
     */
    record Result(int events, double backlogWriteSeconds, Ours ours, Raw raw, Ours serial, JfrProfile.Summary profile)
            implements Section {

        @Override
        public void summary(Markdown out, Results run) {
            double ratio = ours.rate() / raw.rate();
            out.row("P3", "relay drain: WAL backlog of " + Markdown.count(events) + " committed events → Kafka (one batch at"
                            + " a time instead of pipelined: " + Fmt.rate(serial.rate()) + " events/s, "
                            + Fmt.ratio(serial.rate() / raw.rate()) + ")",
                    Fmt.rate(ours.rate()) + " events/s", Fmt.rate(raw.rate()) + " events/s, raw KafkaProducer, same records",
                    Fmt.ratio(ratio), "≥ 0.45", Markdown.met(ratio >= 0.45, ratio));
        }

        @Override
        public void details(Markdown out, Results run) {
            out.heading("P3 — relay drain");
            out.line("Both services stopped; " + Markdown.count(events) + " orders committed straight into the"
                    + " service's database with the service's own transaction (`OrderSql`, 4 writers, "
                    + Fmt.num(backlogWriteSeconds, 1) + " s), so the WAL holds exactly what the service would have written"
                    + " (orders, items, outbox insert and delete per transaction), kept by the replication slot. Then the command"
                    + " service starts, and its relay drains the backlog. The rate is taken from the topic's end offsets (polled every"
                    + " 10 ms) between the first new record and the last: " + Fmt.num(ours.drainSeconds(), 1) + " s. From the"
                    + " launch of the JVM it took " + Fmt.num(ours.secondsFromLaunch(), 1) + " s in all. Baseline: the very records"
                    + " read back from the topic (key, value, headers) sent by one raw `KafkaProducer` with the relay's settings"
                    + " (acks=all, idempotent, linger 1 ms, 5 in flight) to a fresh topic with as many partitions, measured the same"
                    + " way (send loop + flush took " + Fmt.num(raw.sendSeconds(), 2) + " s).");
            out.line();
            CpuText.rateTable(out, "events/s", "CPU: relay side (cores)",
                    new CpuText.Run("ours: WAL → Debezium → Kafka", Fmt.rate(ours.rate()), ours.cpu()),
                    new CpuText.Run("ours, one batch at a time (`RELAY_PIPELINED=false`, a second backlog of the same size)",
                            Fmt.rate(serial.rate()), serial.cpu()),
                    new CpuText.Run("raw KafkaProducer", Fmt.rate(raw.rate()), raw.cpu()));
            out.line();
            out.line("**What limits it.** Our relay is one pipeline: PostgreSQL's walsender decodes every WAL record of the backlog"
                    + " (the orders and items too, filtered by the publication), Debezium converts each change to a Connect record"
                    + " and runs the EventRouter, and `KafkaEventPublisher` sends each batch (≤ 2,048 events). A full batch stays"
                    + " in flight while Debezium prepares the next, and is acknowledged to Debezium once Kafka acknowledged all"
                    + " of it; one batch at a time instead waits for every ack before it asks for the next. The raw producer"
                    + " sends records that are ready, with nothing to decode or convert. The CPU columns show which process was"
                    + " busy.");
            out.line();
            if (profile != null) {
                out.line("The command service through one more drain (half the backlog), recorded with JFR from its launch"
                        + " (`JAVA_TOOL_OPTIONS=-XX:StartFlightRecording`, with `-Xshare:off` unless on the AOT cache), "
                        + Markdown.count(profile.samples()) + " samples (`" + profile.file().getFileName() + "`):");
                out.line();
                JfrText.tables(out, profile);
            }
        }
    }

    private final Bench bench;
    private Result result = new Result(0, Double.NaN, Ours.NONE, Raw.NONE, Ours.NONE, null);

    RelayDrain(Bench bench) {
        this.bench = bench;
    }

    void measure() throws Exception {
        LocalSystem system = bench.system();
        int events = bench.settings().p3Events();
        result = new Result(events, Double.NaN, Ours.NONE, Raw.NONE, Ours.NONE, null);
        if (system.running(Component.COMMAND) && system.running(Component.QUERY)) {
            bench.quiesce();
        }
        system.stop(Component.QUERY);
        system.stop(Component.COMMAND);
        Map<TopicPartition, Long> before = bench.topics().ends(Bench.TOPIC);
        double backlogWriteSeconds = writeBacklog(events);
        result = new Result(events, backlogWriteSeconds, Ours.NONE, Raw.NONE, Ours.NONE, null);
        log.info("P3: {} committed outbox events wait in the WAL ({} s to write)", events, Fmt.num(backlogWriteSeconds, 1));
        Ours ours = drainOurs(Topics.sum(before), events, Map.of());
        result = new Result(events, backlogWriteSeconds, ours, Raw.NONE, Ours.NONE, null);
        log.info("P3 ours: {} events/s", Fmt.rate(ours.rate()));
        Map<TopicPartition, Long> afterOurs = bench.topics().ends(Bench.TOPIC);
        Raw raw = drainRaw(before, afterOurs);
        result = new Result(events, backlogWriteSeconds, ours, raw, Ours.NONE, null);
        // The same again with the relay publishing one batch at a time: the pipelining's before and after in one run.
        system.stop(Component.COMMAND);
        writeBacklog(events);
        Ours serial = drainOurs(Topics.sum(afterOurs), events, Map.of("RELAY_PIPELINED", "false"));
        log.info("P3 ours, one batch at a time: {} events/s", Fmt.rate(serial.rate()));
        result = new Result(events, backlogWriteSeconds, ours, raw, serial, null);
        result = new Result(events, backlogWriteSeconds, ours, raw, serial, profileDrain(events / 2));
    }

    /** One more drain with JFR recording the command service from its launch; the recording is written at its exit. */
    private JfrProfile.Summary profileDrain(int events) throws Exception {
        Path file = bench.settings().workDir().resolve("profile-command-service-drain.jfr");
        Files.deleteIfExists(file);
        String jvmOptions = Procs.jvmOptions(bench.system(), Component.COMMAND);
        bench.system().stop(Component.COMMAND);
        long base = Topics.sum(bench.topics().ends(Bench.TOPIC));
        writeBacklog(events);
        // Without the class-data archive: JDK 17 crashes loading archived classes while JFR records from the launch
        // (docs/benchmark-harness.md). JDK 25's AOT cache refuses to start beside any -Xshare option.
        String share = jvmOptions.contains("-XX:AOTCache=") ? "" : "-Xshare:off ";
        drainOurs(base, events, Map.of("JAVA_TOOL_OPTIONS", share + "-XX:StartFlightRecording=settings=profile,"
                + "dumponexit=true,filename=" + file.toAbsolutePath()));
        bench.system().stop(Component.COMMAND);
        return JfrProfile.summarise(file);
    }

    Result result() {
        return result;
    }

    /** The backlog: the command service's own transaction, written straight to its database while it is down. */
    private double writeBacklog(int events) throws Exception {
        long writeStart = System.nanoTime();
        AtomicLong remaining = new AtomicLong(events);
        List<Exception> failures = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread writer = new Thread(() -> {
                try (OrderSql sql = new OrderSql(bench.system().jdbcUrl(), Databases.USER)) {
                    while (remaining.getAndDecrement() > 0) {
                        sql.create(SampleOrder.next());
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "p3-backlog-" + w);
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return (System.nanoTime() - writeStart) / 1e9;
    }

    /** CPU is counted from the first published record to the last: the drain, not the JVM's start. */
    private Ours drainOurs(long base, int events, Map<String, String> environment) throws Exception {
        AtomicReference<CpuMeter.Window> drain = new AtomicReference<>();
        long launched = System.nanoTime();
        try (Topics.Watch watch = bench.topics().watch(Bench.TOPIC, base, events, () -> drain.set(bench.cpu().start()))) {
            bench.system().start(Component.COMMAND, environment);
            if (!watch.await(Duration.ofMinutes(10))) {
                throw new IllegalStateException("only " + watch.seen() + " of " + events + " events reached the topic");
            }
            return new Ours(watch.drainRate(), (watch.doneNanos() - watch.firstNanos()) / 1e9,
                    (watch.doneNanos() - launched) / 1e9, drain.get() == null ? null : drain.get().stop());
        }
    }

    /** The baseline: the same records (key, value, headers) from a raw producer with the relay's settings. */
    private Raw drainRaw(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) throws Exception {
        Topics topics = bench.topics();
        List<ConsumerRecord<byte[], byte[]>> records = topics.read(Bench.TOPIC, before, after);
        // A topic of its own per run: a deletion of the last run's topic may still be under way in the broker.
        String rawTopic = "bench.p3.raw-" + System.currentTimeMillis();
        topics.create(rawTopic, before.size());
        Raw raw;
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.system().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(rawTopic);
            AtomicReference<CpuMeter.Window> window = new AtomicReference<>();
            try (Topics.Watch watch = topics.watch(rawTopic, 0, records.size(), () -> window.set(bench.cpu().start()))) {
                long start = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(rawTopic, null, record.key(), record.value(), record.headers()));
                }
                producer.flush();
                double sendSeconds = (System.nanoTime() - start) / 1e9;
                if (!watch.await(Duration.ofMinutes(5))) {
                    throw new IllegalStateException("only " + watch.seen() + " of " + records.size()
                            + " records reached " + rawTopic, watch.lastError());
                }
                raw = new Raw(watch.drainRate(), sendSeconds, window.get() == null ? null : window.get().stop());
            }
        }
        topics.delete(rawTopic);
        log.info("P3 raw producer: {} events/s ({} records)", Fmt.rate(raw.rate()), records.size());
        return raw;
    }
}
