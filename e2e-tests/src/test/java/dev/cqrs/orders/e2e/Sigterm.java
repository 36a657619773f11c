package dev.cqrs.orders.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.cqrs.orders.local.Component;
import dev.cqrs.orders.local.LocalSystem;

/**
 * SIGTERM to a component, as Kubernetes sends it after preStop, and the time until its process has exited. A process
 * still alive after {@link #DUMP_AFTER} gets its threads dumped (jcmd) next to its log, so a slow stop shows what it
 * waited for.
 */
final class Sigterm {

    static final Duration DUMP_AFTER = Duration.ofSeconds(5);

    /** How a stop went: time to exit (or to the give-up point) and whether the process exited by itself. */
    record Stop(Component component, Duration took, boolean exited, Path threadDump) {

        double seconds() {
            return took.toMillis() / 1000.0;
        }
    }

    private Sigterm() {
    }

    /** Sends SIGTERM and waits up to {@code giveUpAfter}; the caller then stops the system's record of it. */
    static Stop andTime(LocalSystem system, Component component, Duration giveUpAfter) {
        ProcessHandle process = ProcessHandle.of(system.pid(component).orElseThrow(() ->
                new IllegalStateException(component.id() + " is not running"))).orElseThrow();
        // Stamped when the exit is seen, so that the time of a thread dump taken meanwhile is not counted.
        CompletableFuture<Long> exit = process.onExit().thenApply(handle -> System.nanoTime());
        long sent = System.nanoTime();
        if (!process.destroy()) {
            throw new IllegalStateException("could not send SIGTERM to " + component.id() + " (pid " + process.pid() + ")");
        }
        Path dump = null;
        boolean exited = waitFor(exit, DUMP_AFTER);
        if (!exited) {
            dump = threadDump(system, component, process.pid());
            exited = waitFor(exit, giveUpAfter.minus(Duration.ofNanos(System.nanoTime() - sent)));
        }
        Duration took = Duration.ofNanos((exited ? exit.join() : System.nanoTime()) - sent);
        system.stop(component); // SIGKILL if it is still there; forgets the process either way
        return new Stop(component, took, exited, dump);
    }

    private static boolean waitFor(CompletableFuture<Long> exit, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return exit.isDone();
        }
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path threadDump(LocalSystem system, Component component, long pid) {
        Path file = system.logDir().resolve(component.id() + "-stopping-" + pid + ".threads.txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "Thread.print").redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!jcmd.waitFor(10, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
            return Files.size(file) > 0 ? file : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
