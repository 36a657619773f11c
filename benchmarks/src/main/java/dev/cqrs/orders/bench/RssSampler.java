package dev.cqrs.orders.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Samples VmRSS of named processes every 250 ms while it runs; keeps the highest sample of each. */
final class RssSampler implements AutoCloseable {

    private final Map<String, Long> pids;
    private final Map<String, Long> maxKb = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RssSampler(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.thread = new Thread(this::sample, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            pids.forEach((name, pid) -> {
                long rss = Procs.rssKb(pid);
                if (rss > 0) {
                    maxKb.merge(name, rss, Math::max);
                }
            });
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long maxKb(String name) {
        return maxKb.getOrDefault(name, -1L);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
