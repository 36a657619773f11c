package dev.cqrs.orders.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the system looked like when the harness waited in vain for the relay or the read models, written into the
 * report's notes: CI keeps only the failing test's message, and twice a quick run's read side never caught up without
 * anything left to say why. Once per run, so a stall that lasts does not fill the report.
 */
final class Stall {

    private static final Logger log = LoggerFactory.getLogger(Stall.class);
    /** spring-kafka's listener threads ({@code order-view-0-C-1}) and the relay's Debezium threads. */
    private static final Pattern WATCHED_THREAD = Pattern.compile("^\"(.*-C-\\d+|debezium.*|pool-\\d+-thread-\\d+)\".*");
    private static final Pattern JDK_FRAME = Pattern.compile("^at (java|javax|jdk|sun)\\.");
    private static final Pattern PROBLEM = Pattern.compile(" (WARN|ERROR) ");

    private final LocalSystem system;
    private final Topics topics;
    private boolean described;

    Stall(LocalSystem system, Topics topics) {
        this.system = system;
        this.topics = topics;
    }

    /** The first call of a run describes the system; later ones return an empty list. */
    synchronized List<String> describeOnce(List<String> groups) {
        if (described) {
            return List.of();
        }
        described = true;
        List<String> lines = new ArrayList<>();
        lines.add("Diagnosis of that wait (load average " + Procs.loadAverage() + "):");
        for (String group : groups) {
            lines.add(guarded("group " + group, () -> topics.describe(group)));
        }
        for (Component service : List.of(Component.COMMAND, Component.QUERY)) {
            lines.add(guarded(service.id() + " threads", () -> threads(service)));
            lines.add(guarded(service.id() + " log", () -> problems(service)));
        }
        lines.forEach(line -> log.warn("stall: {}", line));
        return lines;
    }

    private String threads(Component service) throws IOException, InterruptedException {
        long pid = system.pid(service).orElseThrow(() -> new IOException("not running"));
        return watchedThreads(Jcmd.run(pid, "Thread.print"));
    }

    /**
     * Each listener or relay thread of a {@code jcmd Thread.print} dump: its state, its top frames, and its first frames
     * outside the JDK (where in our code or a library it waits).
     */
    static String watchedThreads(String threadDump) {
        List<String> dump = threadDump.lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < dump.size(); i++) {
            if (WATCHED_THREAD.matcher(dump.get(i)).matches()) {
                out.append("\n    ").append(dump.get(i).replaceAll(" (#\\d+|daemon|prio|os_prio|cpu|elapsed|tid|nid)(=\\S+)?", ""));
                int top = 0;
                int outside = 0;
                for (int line = i + 1; line < dump.size() && !dump.get(line).isBlank() && outside < 3; line++) {
                    String frame = dump.get(line).trim();
                    boolean jdk = JDK_FRAME.matcher(frame).find();
                    if (!frame.startsWith("at ") || top < 3 || !jdk) {
                        out.append("\n      ").append(top >= 3 && !jdk && outside == 0 ? "… " : "").append(frame);
                    }
                    if (frame.startsWith("at ")) {
                        top++;
                        outside += top > 3 && !jdk ? 1 : 0;
                    }
                }
            }
        }
        return out.length() == 0 ? "no listener or relay threads in " + dump.size() + " lines of jcmd output" : out.toString();
    }

    private String problems(Component service) {
        return problems(system.logTail(service, 2_000));
    }

    /** The last WARN and ERROR lines of a log's tail, each cut at 400 characters. */
    static String problems(String logTail) {
        List<String> problems = logTail.lines().filter(line -> PROBLEM.matcher(line).find()).toList();
        List<String> last = problems.subList(Math.max(0, problems.size() - 8), problems.size());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d WARN/ERROR lines in its last 2,000; the last %d:",
                problems.size(), last.size()));
        last.forEach(line -> out.append("\n    ").append(line.length() > 400 ? line.substring(0, 400) + " …" : line));
        return out.toString();
    }

    @FunctionalInterface
    private interface Part {
        String get() throws Exception;
    }

    private static String guarded(String name, Part part) {
        try {
            return name + ": " + part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return name + ": interrupted";
        } catch (Exception e) {
            return name + ": could not be read (" + e + ")";
        }
    }
}
