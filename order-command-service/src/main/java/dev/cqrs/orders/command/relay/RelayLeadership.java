package dev.cqrs.orders.command.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Elects one relay among all replicas of the command service: the replica that holds a PostgreSQL session-level
 * advisory lock runs Debezium, the others wait. The lock lives as long as its connection, so when the leader dies
 * (even by kill -9) PostgreSQL releases it and the next poll of another replica takes over; it then resumes from
 * the shared offsets in {@code relay_offsets}. The replication slot admits one reader at a time anyway, so two
 * relays can never both stream.
 */
@Component
@ConditionalOnProperty(name = "orders.relay.enabled", havingValue = "true", matchIfMissing = true)
class RelayLeadership implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);
    /** Stops after the web server (higher phases stop first), so no command commits after the relay is gone. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final OutboxRelay relay;
    private final RelayStatus status;
    private final DataSourceProperties dataSource;
    private final RelayInstance instance;
    private final long lockKey;
    private final long pollIntervalMs;
    private final Duration stopTimeout;
    private ScheduledExecutorService scheduler;
    private Connection lockConnection;
    private volatile boolean leader;

    /** {@code stopTimeout}: the relay stops within the shutdown phase Spring gives each phase, as the web server does. */
    RelayLeadership(OutboxRelay relay, RelayStatus status, DataSourceProperties dataSource, RelayInstance instance,
                    RelayProperties properties,
                    @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration stopTimeout) {
        this.relay = relay;
        this.status = status;
        this.dataSource = dataSource;
        this.instance = instance;
        this.lockKey = lockKey(properties.slotName());
        this.pollIntervalMs = properties.leaderPollIntervalMs();
        this.stopTimeout = stopTimeout;
    }

    /** One lock per slot: relays of different slots (e.g. tests sharing a server) never block each other. */
    static long lockKey(String slotName) {
        return slotName.hashCode();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "relay-leadership"));
        scheduler.scheduleWithFixedDelay(this::poll, 0, pollIntervalMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void poll() {
        try {
            if (leader) {
                confirmLock();
            } else if (tryLock()) {
                leader = true;
                status.leading(true);
                log.info("This replica now leads the outbox relay (advisory lock {}); starting it", lockKey);
                relay.start();
            }
        } catch (SQLException | RuntimeException e) {
            // Anything escaping here would cancel the scheduled poll for good, leaving no relay and no candidate.
            if (leader) {
                log.warn("Lost the connection that holds the relay lock ({}); stopping the relay so that another replica"
                        + " can take over. This replica will compete again once PostgreSQL answers.", e.getMessage());
                relay.stop(stopTimeout);
                leader = false;
                status.leading(false);
            } else {
                log.debug("Could not reach PostgreSQL to compete for the relay lock: {}", e.getMessage());
            }
            closeConnection();
        }
    }

    private boolean tryLock() throws SQLException {
        if (lockConnection == null || lockConnection.isClosed()) {
            Properties credentials = new Properties();
            credentials.setProperty("user", dataSource.getUsername());
            credentials.setProperty("password", dataSource.getPassword() == null ? "" : dataSource.getPassword());
            // Keepalives make a silently dead leader's session (and so its lock) go away in bounded time.
            credentials.setProperty("tcpKeepAlive", "true");
            // The holder of the lock is found by this name (GET /admin/relay): it must say which replica leads.
            credentials.setProperty("ApplicationName", instance.id());
            lockConnection = DriverManager.getConnection(dataSource.getUrl(), credentials);
        }
        try (PreparedStatement statement = lockConnection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, lockKey);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void confirmLock() throws SQLException {
        if (!lockConnection.isValid(2)) {
            throw new SQLException("the lock connection is no longer valid");
        }
    }

    private void closeConnection() {
        try {
            if (lockConnection != null) {
                lockConnection.close();
            }
        } catch (SQLException ignored) {
            // Closing a broken connection can fail; the server side is gone or will be reaped.
        }
        lockConnection = null;
    }

    boolean isLeader() {
        return leader;
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        synchronized (this) {
            if (leader) {
                relay.stop(stopTimeout);
                leader = false;
                status.leading(false);
                log.info("Released the relay leadership");
            }
            // Closing the session releases the advisory lock at once: a standby takes over at its next poll.
            closeConnection();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
