package dev.cqrs.orders.local.admin;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;

/**
 * {@code rebuild <readModel>}: starts a rebuild of the read model (or follows the one already running) and shows its
 * progress until DONE (exit 0) or FAILED (exit 1); 2 for arguments it cannot use. {@code pollEvery} is how often it
 * asks for the status.
 */
public record RebuildCommand(AdminClient client, Duration pollEvery, PrintStream out) {

    private static final Duration POLL_EVERY = Duration.ofSeconds(1);
    private static final int BAR_WIDTH = 30;

    /** {@code args} are what follows the subcommand's name. */
    public static int run(String[] args, AdminClient client, PrintStream out, PrintStream err) {
        return new RebuildCommand(client, POLL_EVERY, out).run(args, err);
    }

    int run(String[] args, PrintStream err) {
        if (args.length != 1 || !args[0].matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            err.println("rebuild: name one read model (order-view, order-list or customer-summary)");
            return 2;
        }
        String readModel = args[0];
        try {
            start(readModel);
            JsonNode status = follow(readModel);
            if (status.path("state").asString("").equals("DONE")) {
                out.println("rebuild of " + readModel + " done");
                return 0;
            }
            String error = status.path("error").asString("");
            err.println("rebuild: rebuild of " + readModel + " FAILED: " + (error.isBlank() ? "see the query service log" : error));
            return 1;
        } catch (AdminClient.CallFailed e) {
            err.println("rebuild: " + e.getMessage());
            return 1;
        }
    }

    private void start(String readModel) {
        String path = "/admin/rebuilds/" + readModel;
        AdminClient.Answer answer = client.send("POST", path);
        if (answer.ok()) {
            out.println("rebuild of " + readModel + " started");
        } else if (answer.status() == 409) {
            out.println("a rebuild of " + readModel + " is running already; following it");
        } else {
            throw AdminClient.failed("POST", path, answer);
        }
    }

    /** Polls the status, rewriting one progress line, until DONE or FAILED; answers the last status. */
    private JsonNode follow(String readModel) {
        String path = "/admin/rebuilds/" + readModel;
        while (true) {
            JsonNode status = client.call("GET", path);
            String state = status.path("state").asString("");
            if (state.isEmpty()) {
                throw new AdminClient.CallFailed("unexpected answer from GET " + path + ": " + status);
            }
            out.print("\r" + progress(state, status));
            if (state.equals("DONE") || state.equals("FAILED")) {
                out.println();
                return status;
            }
            LockSupport.parkNanos(pollEvery.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new AdminClient.CallFailed("interrupted while following the rebuild of " + readModel);
            }
        }
    }

    /** {@code RUNNING      [#########                     ]  30%  1200 events  850 events/s  ETA 3s}. */
    static String progress(String state, JsonNode status) {
        long applied = status.path("eventsApplied").asLong(0);
        JsonNode remaining = status.path("remainingEvents");
        int percent = 0;
        if (state.equals("DONE")) {
            percent = 100;
        } else if (remaining.isNumber() && applied + remaining.asLong() > 0) {
            percent = (int) (applied * 100 / (applied + remaining.asLong()));
        }
        int filled = percent * BAR_WIDTH / 100;
        JsonNode eta = status.path("etaSeconds");
        return String.format(Locale.ROOT, "%-12s [%-" + BAR_WIDTH + "s] %3d%%  %d events  %.0f events/s  ETA %ss   ", state,
                "#".repeat(filled), percent, applied, status.path("eventsPerSecond").asDouble(0),
                eta.isIntegralNumber() ? Long.toString(eta.asLong()) : "?");
    }
}
