package dev.cqrs.orders.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** The switch picks containers exactly when Docker answers (or when forced), and the local stack otherwise. */
class InfrastructuresTest {

    private final List<String> built = new ArrayList<>();
    private final Supplier<Infrastructure> containers = () -> fake("containers");
    private final Supplier<Infrastructure> local = () -> fake("local");

    @Test
    void autoPicksContainersWhenDockerAnswers() {
        assertThat(Infrastructures.choose("auto", () -> true, containers, local).kind()).isEqualTo("containers");
        assertThat(built).containsExactly("containers");
    }

    @Test
    void autoPicksTheLocalStackWithoutDockerAndNeverTouchesContainers() {
        assertThat(Infrastructures.choose("auto", () -> false, containers, local).kind()).isEqualTo("local");
        assertThat(built).containsExactly("local");
    }

    @Test
    void anExplicitSettingWinsOverTheProbe() {
        assertThat(Infrastructures.choose("local", () -> true, containers, local).kind()).isEqualTo("local");
        assertThat(Infrastructures.choose("containers", () -> false, containers, local).kind()).isEqualTo("containers");
        assertThatIllegalArgumentException().isThrownBy(() -> Infrastructures.choose("docker", () -> true, containers, local))
                .withMessageContaining("auto, containers or local");
    }

    private Infrastructure fake(String kind) {
        built.add(kind);
        return new Infrastructure() {
            public String kind() { return kind; }
            public String createDatabase(String prefix) { return prefix; }
            public String jdbcUrl(String database) { return database; }
            public String user() { return ""; }
            public String password() { return ""; }
            public void restartPostgres() { }
            public String kafkaBootstrapServers() { return ""; }
            public String mongoConnectionString() { return ""; }
            public void close() { }
        };
    }
}
