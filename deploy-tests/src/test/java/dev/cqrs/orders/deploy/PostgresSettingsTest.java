package dev.cqrs.orders.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The PostgreSQL settings check catches a server whose slot could fill the disk, or be lost at the first hiccup. */
class PostgresSettingsTest {

    private static List<String> problems(String... argv) {
        return PostgresSettings.problems("postgres", PostgresSettings.parse(List.of(argv)));
    }

    private static final String[] RELAY_NEEDS = {"postgres", "-c", "wal_level=logical", "-c", "max_wal_senders=10",
            "-c", "max_replication_slots=10"};

    private static String[] with(String... more) {
        String[] argv = java.util.Arrays.copyOf(RELAY_NEEDS, RELAY_NEEDS.length + more.length);
        System.arraycopy(more, 0, argv, RELAY_NEEDS.length, more.length);
        return argv;
    }

    @Test
    void aCappedSlotPasses() {
        assertThat(problems(with("-c", "max_slot_wal_keep_size=2GB"))).isEmpty();
        assertThat(problems(with("-c", "max_slot_wal_keep_size=4096"))).as("MB without a unit").isEmpty();
        assertThat(problems(with("-cmax_slot_wal_keep_size=1TB"))).isEmpty();
    }

    @Test
    void anUncappedSlotIsReported() {
        assertThat(problems(RELAY_NEEDS)).singleElement().asString().contains("max_slot_wal_keep_size is not set");
        assertThat(problems(with("-c", "max_slot_wal_keep_size=-1"))).singleElement().asString().contains("unlimited");
    }

    @Test
    void aCapThatLosesTheSlotAtTheFirstHiccupOrIsNoSizeIsReported() {
        assertThat(problems(with("-c", "max_slot_wal_keep_size=64MB"))).singleElement().asString().contains("below 1GB");
        assertThat(problems(with("-c", "max_slot_wal_keep_size=lots"))).singleElement().asString().contains("is not a size");
    }
}
