package dev.cqrs.orders.bench;

import java.io.IOException;
import java.nio.file.Path;

/** A phase's result as the report shows it: its rows of the summary table, then its section below the table. */
interface Section {

    void summary(Markdown out, Results run);

    void details(Markdown out, Results run);

    /** Files the section refers to, written next to the report. */
    default void writeFiles(Path dir) throws IOException {
    }
}
