package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aFreePortLiesBelowTheEphemeralRangeAndCanBeBound() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = Ports.free();
            assertThat(port).isBetween(15000, Ports.ephemeralStart() - 1);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
    }

    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(seen.add(Ports.free())).as("draw %d", i).isTrue();
        }
        StackPorts ports = StackPorts.free();
        assertThat(new HashSet<>(List.of(ports.postgres(), ports.kafka(), ports.kafkaController(), ports.mongo(),
                ports.command(), ports.query(), ports.console()))).hasSize(7).doesNotContainAnyElementsOf(seen);
    }

    @Test
    void aPortInUseIsNotHandedOut() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", Ports.free()));
            assertThat(Ports.listening(taken.getLocalPort())).isTrue();
            for (int i = 0; i < 50; i++) {
                assertThat(Ports.free()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }

    @Test
    void theHolderOfAPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", Ports.free()));
            assertThat(Ports.holder(taken.getLocalPort())).hasValueSatisfying(holder ->
                    assertThat(holder).startsWith("pid " + ProcessHandle.current().pid() + " ("));
        }
    }

    @Test
    void aTakenPortFailsTheStartNamingThePortAndItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", Ports.free()));
            int port = taken.getLocalPort();
            SystemConfig config = new SystemConfig(new StackPorts(1, 2, 3, 4, port, 6, 7), java.nio.file.Path.of("data"),
                    java.nio.file.Path.of("java"), java.nio.file.Path.of("java"), null, null, null, null, java.time.Duration.ofSeconds(1),
                    new AdminCredentials("a:b"), true, false, ComponentOptions.NONE);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Orphans.requireFreePorts(Component.COMMAND, config))
                    .hasMessageStartingWith("port " + port + " (COMMAND_PORT) for command-service is already in use by pid "
                            + ProcessHandle.current().pid())
                    .hasMessageContaining("COMMAND_PORT=<port>");
        }
    }
}
