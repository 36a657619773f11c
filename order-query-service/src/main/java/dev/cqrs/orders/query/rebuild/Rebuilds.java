package dev.cqrs.orders.query.rebuild;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import dev.cqrs.orders.query.readmodel.ReadModel;
import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import dev.cqrs.orders.query.problems.ConflictException;
import dev.cqrs.orders.query.problems.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Starts, resumes, stops and reports read-model rebuilds. At most one rebuild per read model runs anywhere: starting
 * one is a conditional write of its checkpoint, and running one holds a lease that replicas check before resuming it.
 * On shutdown, rebuilds are stopped first (before the listeners), each at a checkpoint with its lease handed back.
 */
class Rebuilds implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    private final Map<String, ReadModel> readModels = new LinkedHashMap<>();
    private final RebuildEnvironment env;
    private final ExecutorService threads;
    private final Map<String, RebuildJob> running = new ConcurrentHashMap<>();
    private volatile boolean accepting;
    private final Duration stopTimeout;

    /** {@code stopTimeout}: rebuilds reach their checkpoints within the shutdown phase Spring gives each phase. */
    Rebuilds(List<ReadModel> readModels, RebuildEnvironment env, Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        readModels.forEach(readModel -> this.readModels.put(readModel.name(), readModel));
        this.env = env;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "rebuild-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** This replica's name in checkpoints: the host, plus a random part that tells restarts apart. */
    static String ownerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts a rebuild from the beginning of the topic, or resumes an unfinished one whose owner is gone. */
    synchronized RebuildStatus start(String name) {
        ReadModel readModel = readModel(name);
        if (!accepting) {
            throw new ConflictException("Shutting down", "This replica is shutting down; start the rebuild on another one "
                    + "or after the restart");
        }
        if (running.containsKey(name)) {
            throw new ConflictException("Rebuild already running", "A rebuild of " + name + " is running in this "
                    + "replica; follow it at GET /admin/rebuilds/" + name);
        }
        Instant now = env.clock().instant();
        Optional<RebuildCheckpoint> previous = env.checkpoints().find(name);
        if (previous.isPresent() && !previous.get().state().finished()) {
            RebuildCheckpoint taken = env.checkpoints().acquire(name, env.owner(), now, env.properties().lease())
                    .orElseThrow(() -> new ConflictException("Rebuild already running", "A rebuild of " + name
                            + " is running in replica " + previous.get().owner() + " (lease until "
                            + previous.get().leaseUntil() + "); follow it at GET /admin/rebuilds/" + name));
            launch(readModel, taken);
            return status(taken);
        }
        long live = env.aliases().storedGeneration(name);
        long generation = Math.max(live, previous.map(RebuildCheckpoint::generation).orElse(0L)) + 1;
        RebuildCheckpoint fresh = RebuildCheckpoint.fresh(name, generation, live, env.owner(), now,
                now.plus(env.properties().lease()));
        if (!env.checkpoints().begin(fresh, previous.orElse(null))) {
            throw new ConflictException("Rebuild already running", "Another replica started a rebuild of " + name
                    + " just now; follow it at GET /admin/rebuilds/" + name);
        }
        // Claimed: only now is it safe to clear leftovers (a failed attempt's generation, or an old one never dropped).
        dropAllGenerationsBut(readModel, live);
        readModel.ensureIndexes(env.aliases().generationOf(generation));
        log.info("{}: rebuild into generation {} requested; generation {} keeps serving meanwhile", name, generation, live);
        launch(readModel, fresh);
        return status(fresh);
    }

    Optional<RebuildStatus> status(String name) {
        readModel(name);
        return env.checkpoints().find(name).map(this::status);
    }

    List<RebuildStatus> statuses() {
        List<RebuildStatus> statuses = new ArrayList<>();
        for (RebuildCheckpoint checkpoint : env.checkpoints().all()) {
            if (readModels.containsKey(checkpoint.readModel())) {
                statuses.add(status(checkpoint));
            }
        }
        return statuses;
    }

    /** Picks up unfinished rebuilds whose owner stopped or crashed (its lease expired), here or in another replica. */
    @Scheduled(fixedDelayString = "${orders.query.rebuild.resume-check-interval}")
    void resumeAbandoned() {
        try {
            for (RebuildCheckpoint checkpoint : env.checkpoints().all()) {
                ReadModel readModel = readModels.get(checkpoint.readModel());
                if (readModel != null && !checkpoint.state().finished()) {
                    resumeIfFree(readModel, checkpoint);
                }
            }
        } catch (MongoException e) {
            log.warn("Could not look for abandoned rebuilds ({}); trying again in a moment. Check MongoDB at "
                    + "MONGODB_URI", e.toString());
        }
    }

    private synchronized void resumeIfFree(ReadModel readModel, RebuildCheckpoint seen) {
        if (!accepting || running.containsKey(readModel.name())) {
            return;
        }
        env.checkpoints().acquire(readModel.name(), env.owner(), env.clock().instant(), env.properties().lease())
                .ifPresent(taken -> {
                    log.info("{}: resuming the rebuild of generation {} that {} left at {} events ({}); its lease ended "
                            + "at {}", readModel.name(), taken.generation(), seen.owner(), taken.applied(), taken.state(),
                            seen.leaseUntil());
                    launch(readModel, taken);
                });
    }

    private void launch(ReadModel readModel, RebuildCheckpoint checkpoint) {
        RebuildJob job = new RebuildJob(readModel, checkpoint, env);
        running.put(readModel.name(), job);
        threads.execute(() -> {
            try {
                job.run();
            } finally {
                synchronized (this) {
                    running.remove(readModel.name(), job);
                    notifyAll(); // wakes stop(), which waits for every job to end
                }
            }
        });
    }

    private void dropAllGenerationsBut(ReadModel readModel, long live) {
        MongoDatabase database = env.database();
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        for (String base : readModel.collections()) {
            String keep = ReadModelAliases.collectionName(base, live);
            for (String name : existing) {
                if (ReadModelAliases.isGenerationOf(name, base) && !name.equals(keep)) {
                    log.info("{}: dropping {}, a generation left over from an earlier rebuild", readModel.name(), name);
                    database.getCollection(name).drop();
                }
            }
        }
    }

    private RebuildStatus status(RebuildCheckpoint checkpoint) {
        ReadModel readModel = readModels.get(checkpoint.readModel());
        List<String> collections = readModel.collections().stream()
                .map(base -> ReadModelAliases.collectionName(base, checkpoint.generation()))
                .toList();
        return RebuildStatus.of(checkpoint, collections, env.clock().instant());
    }

    private ReadModel readModel(String name) {
        ReadModel readModel = readModels.get(name);
        if (readModel == null) {
            throw new NotFoundException("Read model not found", "There is no read model '" + name + "'; known: "
                    + readModels.keySet());
        }
        return readModel;
    }

    @Override
    public void start() {
        accepting = true;
    }

    /** Stops every running rebuild at a checkpoint and hands back its lease, so that the next start resumes it. */
    @Override
    public synchronized void stop() {
        accepting = false;
        running.values().forEach(RebuildJob::stop);
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                wait(100); // woken when a job ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!running.isEmpty()) {
            log.warn("Rebuilds of {} did not stop within {} ms; they resume from their last checkpoint once their lease "
                    + "expired", running.keySet(), stopTimeout.toMillis());
        }
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    @Override
    public void destroy() {
        stop();
        threads.shutdownNow();
    }
}
