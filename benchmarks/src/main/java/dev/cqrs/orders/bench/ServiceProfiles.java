package dev.cqrs.orders.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cqrs.orders.local.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JFR profiles of both services and the Mongo wire server where targets are missed: idle, under P2's 250 orders/s, and
 * during a rebuild (P4). Each is a run of its own beside the measured ones, so recording costs no figure anything.
 */
final class ServiceProfiles {

    private static final Logger log = LoggerFactory.getLogger(ServiceProfiles.class);
    private static final Map<Component, String> NAMES = Map.of(Component.COMMAND, "command service", Component.QUERY,
            "query service", Component.MONGO, "Mongo wire server");

    /** One service's profile in one situation. */
    record Profile(String situation, String service, JfrProfile.Summary summary) {
    }

    record Result(List<Profile> profiles) implements Section {

        @Override
        public void summary(Markdown out, Results run) {
        }

        @Override
        public void details(Markdown out, Results run) {
            out.heading("Where the time goes (P2 and P4, JFR)");
            out.line("Both services and the Mongo wire server (a JVM of local-stack's) recorded with JFR (`jcmd <pid> JFR.start"
                    + " settings=profile`) in runs of their own beside the measured ones: idle, " + P2Targets.TAIL_RATE
                    + " orders/s offered as in P2 (with the GETs), and one more rebuild of the order view as in P4. Shares"
                    + " of `jdk.ExecutionSample`s, as in P1's profile. The recordings are kept next to the run's data.");
            out.line();
            if (profiles.isEmpty()) {
                out.line("No profile (see the notes).");
                out.line();
            }
            for (Profile profile : profiles) {
                out.line("**" + profile.service() + ", " + profile.situation() + "**: "
                        + Markdown.count(profile.summary().samples()) + " samples (`"
                        + profile.summary().file().getFileName() + "`).");
                out.line();
                JfrText.tables(out, profile.summary());
            }
        }
    }

    private final Bench bench;
    private final Rebuild rebuild;
    private final List<Profile> profiles = new ArrayList<>();

    ServiceProfiles(Bench bench, Rebuild rebuild) {
        this.bench = bench;
        this.rebuild = rebuild;
    }

    void underLoad() throws Exception {
        bench.quiesce();
        record("at " + P2Targets.TAIL_RATE + " orders/s", "at-" + P2Targets.TAIL_RATE,
                () -> OfferedLoad.measure(bench, null, P2Targets.TAIL_RATE));
    }

    void idle() throws Exception {
        bench.quiesce();
        record("idle", "idle", () -> Thread.sleep(bench.settings().idle().toMillis()));
    }

    void duringRebuild() throws Exception {
        bench.quiesce();
        record("during a rebuild of the order view", "rebuild", rebuild::runUnmeasured);
    }

    Result result() {
        return new Result(List.copyOf(profiles));
    }

    @FunctionalInterface
    private interface During {
        void run() throws Exception;
    }

    private void record(String situation, String fileTag, During during) throws Exception {
        List<Component> recorded = List.of(Component.COMMAND, Component.QUERY, Component.MONGO);
        List<Long> pids = new ArrayList<>();
        for (Component component : recorded) {
            pids.add(bench.system().pid(component).orElseThrow());
        }
        for (long pid : pids) {
            JfrProfile.start(pid);
        }
        try {
            during.run();
        } finally {
            for (int i = 0; i < recorded.size(); i++) {
                JfrProfile.stop(pids.get(i), file(recorded.get(i), fileTag));
            }
        }
        for (Component component : recorded) {
            profiles.add(new Profile(situation, NAMES.get(component), JfrProfile.summarise(file(component, fileTag))));
        }
        log.info("profiles {} written to {}", situation, bench.settings().workDir());
    }

    private Path file(Component component, String tag) {
        return bench.settings().workDir().resolve("profile-" + component.id() + "-" + tag + ".jfr");
    }
}
