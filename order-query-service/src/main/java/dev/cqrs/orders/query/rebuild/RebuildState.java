package dev.cqrs.orders.query.rebuild;

/** Where a rebuild is; the first three are unfinished and resume from their checkpoint after a crash. */
public enum RebuildState {
    /** Projecting the topic from the start into the fresh generation, up to the end offsets seen when it started. */
    COPYING,
    /** Past those offsets, following the topic until it is at most {@code switch-max-lag} records behind its end. */
    CATCHING_UP,
    /** Live now; still following the topic for {@code drain}, then the previous generation is dropped. */
    SWITCHED,
    /** Finished: the fresh generation is live and the previous one is gone. */
    DONE,
    /** Stopped by an error; the live generation was left as it was. Starting again starts over. */
    FAILED;

    boolean finished() {
        return this == DONE || this == FAILED;
    }
}
