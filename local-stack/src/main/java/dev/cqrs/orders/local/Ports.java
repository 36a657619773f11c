package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** Port helpers for starting nodes side by side in tests. */
public final class Ports {

    private Ports() {
    }

    /** Below the kernel's ephemeral range, where outgoing connections take their local ports. */
    private static final int LOWEST = 15000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /**
     * Every port handed out in this JVM: a port is only checked, not held, until its component binds it, so two
     * draws for one system (or two systems started one after the other) must not return the same port.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port that was free a moment ago on the loopback interface, chosen below the ephemeral range: a port the
     * kernel handed out for binding to 0 can be taken by any outgoing connection (a JDBC or Kafka client of a node
     * started meanwhile) before the component that was meant to listen on it binds it.
     */
    public static int free() {
        int highest = ephemeralStart() - 1;
        for (int attempt = 0; attempt < 50 && highest > LOWEST; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        int port = bound(0);
        HANDED_OUT.add(port);
        return port;
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

    /**
     * Which process listens on a TCP port, as "pid N (command line)", read from /proc (Linux; a process of another
     * user shows only when this one may read its descriptors). Empty when it cannot tell.
     */
    static Optional<String> holder(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // local_address is HEXIP:HEXPORT, state 0A is LISTEN, the inode is field 9
                    if (fields.length > 9 && fields[3].equals("0A") && fields[1].endsWith(String.format(":%04X", port))) {
                        inodes.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table here
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .filter(dir -> holdsAny(dir.resolve("fd"), inodes))
                    .findFirst()
                    .map(dir -> {
                        long pid = Long.parseLong(dir.getFileName().toString());
                        String commandLine = Pids.commandLine(pid);
                        return "pid " + pid + (commandLine.isEmpty() ? "" : " (" + abbreviate(commandLine) + ")");
                    });
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean holdsAny(Path fdDir, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(fdDir)) {
            return fds.anyMatch(fd -> {
                try {
                    return inodes.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
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
