package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers for starting nodes side by side in tests. */
public final class Ports {

    private Ports() {
    }

    /** Below the kernel's ephemeral range, where outgoing connections take their local ports. */
    private static final int LOWEST = 15000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /**
     * A port that was free a moment ago on the loopback interface, chosen below the ephemeral range: a port the
     * kernel handed out for binding to 0 can be taken by any outgoing connection (a JDBC or Kafka client of a node
     * started meanwhile) before the component that was meant to listen on it binds it.
     */
    public static int free() {
        int highest = ephemeralStart() - 1;
        for (int attempt = 0; attempt < 50 && highest > LOWEST; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (bindable(port)) {
                return port;
            }
        }
        return bound(0);
    }

    static int ephemeralStart() {
        try {
            // readAllLines, not readString: /proc files report size 0 and readString returned only the first byte here.
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768; // Linux's default
        }
    }

    private static boolean bindable(int port) {
        try {
            bound(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static int bound(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something accepts TCP connections on the loopback port. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
