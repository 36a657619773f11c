package dev.cqrs.orders.bench;

/**
 * Where a service's resident memory sits, from its own JVM metrics read at one moment beside its RSS: the heap and
 * non-heap pools the JVM committed, direct buffers, and the rest (thread stacks, malloc, GC structures, the class-data
 * archive and libraries), which only a native-memory profile would split further.
 */
record JvmMemory(double rssMb, double heapUsedMb, double heapCommittedMb, double metaspaceMb, double codeCacheMb,
                 double directMb, double threads) {

    static final JvmMemory NONE = new JvmMemory(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    private static final double MB = 1024 * 1024;

    static JvmMemory read(String baseUrl, String authorization, long pid) {
        ServiceMetrics.Scrape metrics = ServiceMetrics.Scrape.of(baseUrl, authorization);
        String committed = "jvm_memory_committed_bytes";
        return new JvmMemory(Procs.rssKb(pid) / 1024.0,
                metrics.gauge("jvm_memory_used_bytes", "area=\"heap\"") / MB,
                metrics.gauge(committed, "area=\"heap\"") / MB,
                sum(metrics.gauge(committed, "id=\"Metaspace\""), metrics.gauge(committed, "id=\"Compressed Class Space\"")) / MB,
                // One pool when the code cache is not segmented (C1 only), three "CodeHeap '…'" pools when it is.
                sum(metrics.gauge(committed, "id=\"CodeHeap"), metrics.gauge(committed, "id=\"CodeCache\"")) / MB,
                metrics.gauge("jvm_buffer_memory_used_bytes", "id=\"direct\"") / MB,
                metrics.gauge("jvm_threads_live_threads", null));
    }

    /** NaN only when neither was measured. */
    private static double sum(double a, double b) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return Double.NaN;
        }
        return (Double.isNaN(a) ? 0 : a) + (Double.isNaN(b) ? 0 : b);
    }

    /**
     * What RSS holds beyond the pools the JVM reports, counting the heap as used: a committed heap page is resident
     * only once touched, so the heap's resident share lies between used and committed.
     */
    double restMb() {
        return rssMb - heapUsedMb - metaspaceMb - codeCacheMb - directMb;
    }
}
