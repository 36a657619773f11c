package dev.cqrs.orders.qa.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ledger's entry for one order: every command its client sent and what came of it, and from that what the
 * read side must finally show. Written by the order's one client thread, read by the sampler and the reconciler.
 */
public final class OrderRecord {

    /** What came of one command. */
    public enum Outcome {
        /** 2xx: the command side acknowledged it, with the version in the ETag. */
        ACKNOWLEDGED,
        /**
         * An earlier attempt failed without an answer (timeout, reset, 5xx), and the retry was refused with 409: the
         * state machine refuses a transition twice, and no one else drives this order, so the earlier attempt committed.
         */
        COMMITTED_EARLIER,
        /** A deliberately invalid transition, refused with 409 as it must be. */
        REFUSED_AS_EXPECTED,
        /** No definite answer before the deadline although a request may have arrived: it may or may not have committed. */
        UNRESOLVED,
        /** Every attempt failed to connect, until the deadline: it cannot have committed. */
        NEVER_SENT,
        /** An answer a disciplined client must not get (an unexpected 4xx, a wrong version, an invalid command accepted). */
        ERROR
    }

    /**
     * One command of the order.
     *
     * @param atMillis  when its final answer came, in ms since the run started
     * @param attempts  requests sent for it (more than one after connection failures or uncertain answers)
     * @param uncertain whether an attempt ended without a definite answer (the reason to probe with a retry)
     */
    public record Command(String name, Outcome outcome, long version, int httpStatus, long atMillis, int attempts,
                          boolean uncertain, String detail) {
    }

    /**
     * Everything the record learned, as saved in the ledger file and read back by {@code --reconcile}.
     *
     * @param statusAtVersion the status each known version has (the ambiguous one included)
     */
    public record State(String orderId, OrderStatus status, long version, OrderStatus ambiguousStatus, long ambiguousVersion,
                        Map<Long, OrderStatus> statusAtVersion, boolean createUnresolved, List<Command> commands,
                        List<String> errors) {

        public State {
            statusAtVersion = Map.copyOf(statusAtVersion);
            commands = List.copyOf(commands);
            errors = List.copyOf(errors);
        }
    }

    private final OrderSpec spec;
    private final List<Command> commands = new ArrayList<>();
    private final Map<Long, OrderStatus> statusAtVersion = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();
    private String orderId;
    private long createdAtNanos;
    private OrderStatus status;
    private long version;
    private OrderStatus ambiguousStatus;
    private long ambiguousVersion;
    private boolean createUnresolved;

    public OrderRecord(OrderSpec spec) {
        this.spec = spec;
    }

    /** An order as a saved ledger describes it. */
    public static OrderRecord restore(OrderSpec spec, State state) {
        OrderRecord order = new OrderRecord(spec);
        order.orderId = state.orderId();
        order.status = state.status();
        order.version = state.version();
        order.ambiguousStatus = state.ambiguousStatus();
        order.ambiguousVersion = state.ambiguousVersion();
        order.statusAtVersion.putAll(state.statusAtVersion());
        order.createUnresolved = state.createUnresolved();
        order.commands.addAll(state.commands());
        order.errors.addAll(state.errors());
        return order;
    }

    public synchronized State state() {
        return new State(orderId, status, version, ambiguousStatus, ambiguousVersion, statusAtVersion, createUnresolved,
                commands, errors);
    }

    public OrderSpec spec() {
        return spec;
    }

    /** The order id, once a create was acknowledged. */
    public synchronized Optional<String> orderId() {
        return Optional.ofNullable(orderId);
    }

    public synchronized void created(String id, long ackNanos, Command command) {
        orderId = id;
        createdAtNanos = ackNanos;
        status = OrderStatus.CREATED;
        version = command.version();
        statusAtVersion.put(version, status);
        commands.add(command);
        if (command.version() != 1) {
            errors.add("create answered version " + command.version() + ", expected 1");
        }
    }

    public synchronized void createFailed(Command command) {
        commands.add(command);
        if (command.outcome() == Outcome.UNRESOLVED) {
            createUnresolved = true;
        } else {
            errors.add("create: " + command.detail());
        }
    }

    /** A transition that committed (acknowledged, or inferred from the refused retry) at {@code command.version()}. */
    public synchronized void committed(Transition transition, Command command) {
        commands.add(command);
        if (command.version() != version + 1) {
            errors.add(transition.path() + " answered version " + command.version() + ", expected " + (version + 1));
        }
        status = transition.target();
        version = command.version();
        statusAtVersion.put(version, status);
    }

    /** A transition whose outcome stays unknown: the read side may show the order before or after it. */
    public synchronized void ambiguous(Transition transition, Command command) {
        commands.add(command);
        ambiguousStatus = transition.target();
        ambiguousVersion = version + 1;
        statusAtVersion.put(ambiguousVersion, ambiguousStatus);
    }

    /** A command that changed nothing: refused as expected, or never sent. */
    public synchronized void unchanged(Command command) {
        commands.add(command);
    }

    /** An error that the command already in the ledger explains. */
    public synchronized void flag(String message) {
        errors.add(message);
    }

    public synchronized void error(Command command, String message) {
        commands.add(command);
        errors.add(message);
    }

    /** Whether the read side showing {@code seenVersion} / {@code seenStatus} is a final state this order may have. */
    public synchronized boolean acceptsFinal(long seenVersion, OrderStatus seenStatus) {
        return status != null && (seenVersion == version && seenStatus == status
                || ambiguousStatus != null && seenVersion == ambiguousVersion && seenStatus == ambiguousStatus);
    }

    /** The statuses the order may finally have: one, or two while ambiguous. */
    public synchronized Set<OrderStatus> finalStatuses() {
        if (status == null) {
            return Set.of();
        }
        return ambiguousStatus == null ? Set.of(status) : Set.of(status, ambiguousStatus);
    }

    /** The lowest version the read side must finally reach. */
    public synchronized long finalVersion() {
        return version;
    }

    /** The highest version the read side may finally show (one more than {@link #finalVersion} while ambiguous). */
    public synchronized long highestFinalVersion() {
        return ambiguousStatus == null ? version : ambiguousVersion;
    }

    /** The status the order has at {@code version}, if the ledger knows that version. */
    public synchronized Optional<OrderStatus> statusAt(long atVersion) {
        return Optional.ofNullable(statusAtVersion.get(atVersion));
    }

    public synchronized boolean ambiguousOutcome() {
        return ambiguousStatus != null;
    }

    public synchronized boolean createUnresolved() {
        return createUnresolved;
    }

    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    public synchronized long createdAtNanos() {
        return createdAtNanos;
    }
}
