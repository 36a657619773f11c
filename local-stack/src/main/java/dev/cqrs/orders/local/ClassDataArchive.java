package dev.cqrs.orders.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spring Boot's class-data sharing (CDS) recipe for the services, done by the launcher so nobody does it by hand: per
 * build of a jar, the jar is extracted once ({@code -Djarmode=tools extract}) and a training run
 * ({@code -Dspring.context.exit=onRefresh}: the context is refreshed, then the JVM exits before any listener or the web
 * server starts) writes the archive of every class it loaded; later starts map those classes instead of loading,
 * verifying and parsing them. It saves about a third of the time to ready. On JDK 25 and later the archive is the
 * JVM's AOT cache ({@link Format}). Anything that goes wrong only costs that speed: the component then runs from the
 * extracted jar or the jar itself, and the JVM itself ignores an archive that does not match it. Archives live in a
 * per-user cache ({@code $XDG_CACHE_HOME} or {@code ~/.cache}, under cqrs-orders/cds), keyed by the jar's name, size
 * and time, the java binary and the component's JVM options (an archive made with other options, compact object
 * headers for one, does not map), so every data directory (and every end-to-end test) shares them.
 */
final class ClassDataArchive {

    private static final Logger log = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);
    /** Per component, the most recently used builds whose archives are kept. */
    private static final int KEEP = 3;
    /** Builds whose training failed in this launcher: not tried again until the jar changes. */
    private static final Set<Path> FAILED = ConcurrentHashMap.newKeySet();

    /**
     * How the JVM keeps classes between runs. From JDK 25 on, its AOT cache (JEP 483, 514, 515) keeps them loaded and
     * linked, with method profiles, where a dynamic CDS archive keeps them parsed only; older JDKs know only the latter.
     */
    enum Format {
        CDS("app.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile="),
        AOT("app.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=");

        final String fileName;
        private final String trainingOption;
        private final String runOption;

        Format(String fileName, String trainingOption, String runOption) {
            this.fileName = fileName;
            this.trainingOption = trainingOption;
            this.runOption = runOption;
        }

        /**
         * The format for the JDK or JRE of {@code javaBinary}, by the feature version in its {@code release} file;
         * {@code SERVICES_CLASS_DATA=cds} keeps a CDS archive on JDK 25, to compare the two.
         */
        static Format of(Path javaBinary, Env env) {
            if (env.get("SERVICES_CLASS_DATA", "").equalsIgnoreCase("cds")) {
                return CDS;
            }
            try {
                Path release = javaBinary.toRealPath().getParent().getParent().resolve("release");
                Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
                return version.find() && Integer.parseInt(version.group(1)) >= 25 ? AOT : CDS;
            } catch (IOException | RuntimeException e) {
                return CDS;
            }
        }
    }

    /** What to run: a jar and the JVM options that go with it. */
    record Run(Path jar, List<String> jvmOptions) {
    }

    /** Makes the training process: the component's launch for {@code jar} with {@code options} added. */
    interface Trainer {
        ProcessBuilder training(Path jar, List<String> options);
    }

    private final Path cacheRoot;
    private final Path javaBinary;
    private final Format format;

    ClassDataArchive(Path cacheRoot, Path javaBinary, Env env) {
        this.cacheRoot = cacheRoot;
        this.javaBinary = javaBinary;
        this.format = Format.of(javaBinary, env);
    }

    /** The per-user cache: $XDG_CACHE_HOME/cqrs-orders/cds, else ~/.cache/cqrs-orders/cds. */
    static Path defaultCacheRoot(Env env) {
        return ProjectCache.classData(env);
    }

    /** The extracted jar with its archive; made first (once per build) when missing. Never throws. */
    Run prepare(Component component, Path jar, List<String> jvmOptions, Trainer trainer) {
        try {
            Path dir = cacheRoot.resolve(key(component, jar, jvmOptions));
            Path extracted = dir.resolve(jar.getFileName());
            synchronized (ClassDataArchive.class) {
                Files.createDirectories(cacheRoot);
                try (FileChannel lockFile = FileChannel.open(cacheRoot.resolve(dir.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = lockFile.lock()) {
                    if (!Files.isRegularFile(dir.resolve(format.fileName)) && !FAILED.contains(dir)) {
                        make(component, jar, dir, extracted, trainer);
                    }
                }
            }
            if (Files.isRegularFile(dir.resolve(format.fileName))) {
                Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
                return new Run(extracted, List.of(format.runOption + dir.resolve(format.fileName)));
            }
            return Files.isRegularFile(extracted) ? new Run(extracted, List.of()) : new Run(jar, List.of());
        } catch (IOException | RuntimeException e) {
            log.warn("{} starts without a class-data archive (only slower): {}", component.id(), e.toString());
            return new Run(jar, List.of());
        }
    }

    private void make(Component component, Path jar, Path dir, Path extracted, Trainer trainer) throws IOException {
        long started = System.nanoTime();
        if (!Files.isRegularFile(extracted)) {
            Orphans.deleteTree(dir);
            Path partial = cacheRoot.resolve(dir.getFileName() + ".partial");
            Orphans.deleteTree(partial);
            ProcessBuilder extract = new ProcessBuilder(javaBinary.toString(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", partial.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            if (run(extract, EXTRACT_TIMEOUT) != 0 || !Files.isRegularFile(partial.resolve(jar.getFileName()))) {
                FAILED.add(dir);
                log.warn("could not extract {} for class-data sharing; {} starts from the jar (only slower)", jar,
                        component.id());
                return;
            }
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        Path archive = dir.resolve(format.fileName);
        Path partial = dir.resolve(format.fileName + ".partial");
        Files.deleteIfExists(partial);
        ProcessBuilder training = trainer.training(extracted,
                List.of(format.trainingOption + partial, "-Dspring.context.exit=onRefresh"));
        appendToLog(training, "==== " + Instant.now() + " training run of " + component.id()
                + " for its class-data archive (once per build): " + String.join(" ", training.command()));
        int exit = run(training, TRAINING_TIMEOUT);
        if (exit != 0 || !Files.isRegularFile(partial)) {
            FAILED.add(dir);
            Files.deleteIfExists(partial);
            log.warn("the training run of {} for its class-data archive failed (exit {}); it starts without one (only"
                    + " slower); see its log", component.id(), exit);
            return;
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        log.info("made the class-data archive of {} in {} ms (once per build; later starts load classes from it): {}",
                component.id(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), archive);
        prune(component);
    }

    /**
     * The build's name in the cache: component, then a digest of the jar's name, size and time, the java binary and the
     * JVM options.
     */
    String key(Component component, Path jar, List<String> jvmOptions) throws IOException {
        Path java = javaBinary.toRealPath();
        String identity = jar.getFileName() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
                + "|" + java + "|" + Files.getLastModifiedTime(java).toMillis() + "|" + String.join(" ", jvmOptions);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return component.id() + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the {@link #KEEP} most recently used builds of a component; a running process keeps its open files. */
    private void prune(Component component) throws IOException {
        List<Path> builds;
        try (Stream<Path> entries = Files.list(cacheRoot)) {
            builds = new ArrayList<>(entries.filter(Files::isDirectory)
                    .filter(path -> path.getFileName().toString().startsWith(component.id() + "-"))
                    .sorted(Comparator.comparing(ClassDataArchive::modified).reversed()).toList());
        }
        for (Path stale : builds.subList(Math.min(KEEP, builds.size()), builds.size())) {
            Orphans.deleteTree(stale);
            Files.deleteIfExists(cacheRoot.resolve(stale.getFileName() + ".lock"));
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static int run(ProcessBuilder builder, Duration timeout) throws IOException {
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void appendToLog(ProcessBuilder builder, String line) throws IOException {
        if (builder.redirectOutput().type() == ProcessBuilder.Redirect.Type.APPEND) {
            Files.writeString(builder.redirectOutput().file().toPath(), line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
