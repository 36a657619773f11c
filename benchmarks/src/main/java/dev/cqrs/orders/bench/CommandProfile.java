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
        JfrText.tables(out, profile);
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
