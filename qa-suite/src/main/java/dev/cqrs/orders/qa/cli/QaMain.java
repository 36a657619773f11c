package dev.cqrs.orders.qa.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import dev.cqrs.orders.local.LocalSystem;
import dev.cqrs.orders.qa.config.SuiteConfig;
import dev.cqrs.orders.qa.faults.FaultDriver;
import dev.cqrs.orders.qa.ledger.LedgerFile;
import dev.cqrs.orders.qa.report.ReportFiles;
import dev.cqrs.orders.qa.report.SuiteReport;
import dev.cqrs.orders.qa.run.ReconcileRun;
import dev.cqrs.orders.qa.run.SuiteRun;
import dev.cqrs.orders.qa.system.OwnSystem;
import dev.cqrs.orders.qa.system.Target;

/** Entry point of the executable jar (and of {@code ./run qa}): parse, pick target and driver, run, exit 0, 1 or 2. */
public final class QaMain {

    private QaMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Whether the suite would accept these arguments, without running anything: null if so, else what is wrong (as
     * the command line would say it). For checks of the places that hold arguments, such as the Job in k8s/qa-suite.
     */
    public static String checkArguments(String... args) {
        try {
            Options options = Options.parse(args);
            config(options);
            Targets.validate(options);
            return null;
        } catch (Options.UsageException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static SuiteConfig config(Options options) {
        return SuiteConfig.from(key -> key.equals("quiescenceSeconds") && options.has("--reconcile")
                ? options.value("--quiescence-seconds", "60") : options.setting(key));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        SuiteConfig config;
        try {
            options = Options.parse(args);
            if (options.has("--help")) {
                out.print(Help.text());
                return 0;
            }
            config = config(options);
            Targets.validate(options);
        } catch (Options.UsageException | IllegalArgumentException e) {
            err.println("qa-suite: " + e.getMessage());
            err.println("qa-suite --help explains every option");
            return 2;
        }
        LocalSystem own = null;
        try {
            Target target;
            if (Targets.ownSystem(options)) {
                Path workDir = Path.of(options.value("--work-dir", config.reportDir().resolve("system").toString()));
                out.println("[qa] starting a system of its own in " + workDir.toAbsolutePath() + " ...");
                LocalSystem started = OwnSystem.start(workDir);
                own = started;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-own-system"));
                target = OwnSystem.target(started);
            } else {
                target = Targets.running(options);
            }
            SuiteReport report;
            if (options.has("--reconcile")) {
                report = new ReconcileRun(target, LedgerFile.read(Path.of(options.value("--reconcile"))), config).run();
            } else {
                try (FaultDriver driver = Drivers.create(options, target, own, config.seed())) {
                    report = new SuiteRun(target, driver, config).run();
                }
            }
            out.println(ReportFiles.markdown(report));
            Path dir = config.reportDir().toAbsolutePath();
            out.println("[qa] " + (report.passed() ? "PASSED" : "FAILED") + "; report: " + dir.resolve(ReportFiles.MARKDOWN)
                    + " (and " + ReportFiles.JSON + ", " + ReportFiles.JUNIT
                    + (report.mode() == SuiteReport.Mode.RUN ? ", " + ReportFiles.LEDGER : "") + ")");
            return report.passed() ? 0 : 1;
        } catch (Options.UsageException e) {
            err.println("qa-suite: " + e.getMessage());
            err.println("qa-suite --help explains every option");
            return 2;
        } catch (RuntimeException e) {
            err.println("qa-suite: the run could not be done: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }
}
