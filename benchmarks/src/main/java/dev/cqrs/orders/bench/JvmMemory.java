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
        String committed = "jvm_memory_committed_bytes";
        return new JvmMemory(Procs.rssKb(pid) / 1024.0,
                ServiceMetrics.readGauge(baseUrl, authorization, "jvm_memory_used_bytes", "area=\"heap\"") / MB,
                ServiceMetrics.readGauge(baseUrl, authorization, committed, "area=\"heap\"") / MB,
                sum(ServiceMetrics.readGauge(baseUrl, authorization, committed, "id=\"Metaspace\""),
                        ServiceMetrics.readGauge(baseUrl, authorization, committed, "id=\"Compressed Class Space\"")) / MB,
                // One pool when the code cache is not segmented (C1 only), three "CodeHeap '…'" pools when it is.
                sum(ServiceMetrics.readGauge(baseUrl, authorization, committed, "id=\"CodeHeap"),
                        ServiceMetrics.readGauge(baseUrl, authorization, committed, "id=\"CodeCache\"")) / MB,
                ServiceMetrics.readGauge(baseUrl, authorization, "jvm_buffer_memory_used_bytes", "id=\"direct\"") / MB,
                ServiceMetrics.readGauge(baseUrl, authorization, "jvm_threads_live_threads", null));
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
