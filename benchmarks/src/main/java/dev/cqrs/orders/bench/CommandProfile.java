package dev.cqrs.orders.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The best P1 concurrency again, with JFR recording the command service (not counted in P1's figure): the report's
 * "where the time goes".
 */
final class CommandProfile {

    private static final Logger log = LoggerFactory.getLogger(CommandProfile.class);

    /** The profile's summary and the load it was recorded under. */
    record Result(JfrProfile.Summary profile, Load.ClosedLoopResult run) {
    }

    private CommandProfile() {
    }

    /** Its section of the report; {@code result} is null when the profile failed. */
    static void details(Markdown out, Result result) {
        out.heading("Where the time goes (P1, JFR)");
        if (result == null) {
            out.line("No profile (see the notes).");
            out.line();
            return;
        }
        JfrProfile.Summary profile = result.profile();
        out.line("The command service under P1 load at the best concurrency (" + result.run().clients()
                + " clients, " + Fmt.rate(result.run().rate()) + " orders/s while recording),"
                + " recorded with JFR (`jcmd <pid> JFR.start settings=profile`, so its command line is the one `./run local`"
                + " uses) and summarised from " + Markdown.count(profile.samples()) + " `jdk.ExecutionSample`s"
                + " (Java code on CPU; time blocked in socket reads and fsync waits is not in them). The recording is kept"
                + " next to the run's data (`" + profile.file().getFileName() + "`).");
        out.line();
        out.line("By layer (each sample charged to the innermost frame outside the JDK), and how often a layer is anywhere on the stack:");
        out.line();
        out.tableHead("layer (self)", "share", "", "layer (anywhere on the stack)", "share");
        for (int i = 0; i < Math.max(profile.layers().size(), profile.inclusive().size()); i++) {
            JfrProfile.Share self = i < profile.layers().size() ? profile.layers().get(i) : null;
            JfrProfile.Share incl = i < profile.inclusive().size() ? profile.inclusive().get(i) : null;
            out.line("| " + (self == null ? "" : self.name()) + " | " + (self == null ? "" : Fmt.pct(self.fraction())) + " | | "
                    + (incl == null ? "" : incl.name()) + " | " + (incl == null ? "" : Fmt.pct(incl.fraction())) + " |");
        }
        out.line();
        out.line("Hottest methods (self time) and threads:");
        out.line();
        out.tableHead("method", "share");
        for (JfrProfile.Share method : profile.topMethods()) {
            out.line("| `" + method.name() + "` | " + Fmt.pct(method.fraction()) + " |");
        }
        out.line();
        out.tableHead("thread", "share");
        for (JfrProfile.Share thread : profile.threads()) {
            out.line("| " + thread.name() + " | " + Fmt.pct(thread.fraction()) + " |");
        }
        out.line();
    }

    static Result measure(Bench bench, long commandPid, int clients) throws Exception {
        Path file = bench.settings().workDir().resolve("p1-command-service.jfr");
        Files.deleteIfExists(file);
        JfrProfile.start(commandPid);
        Load.ClosedLoopResult run;
        try {
            run = bench.orders().closedLoop(clients, Duration.ofSeconds(1), bench.settings().p1Measure());
        } finally {
            JfrProfile.stop(commandPid, file);
        }
        JfrProfile.Summary profile = JfrProfile.summarise(file);
        log.info("P1 profile: {} samples in {}", profile.samples(), file);
        return new Result(profile, run);
    }
}
