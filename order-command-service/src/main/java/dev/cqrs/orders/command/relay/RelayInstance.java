package dev.cqrs.orders.command.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This replica's name, as PostgreSQL shows it: the relay's lock connection carries it as application_name, so any
 * replica can tell which one leads by asking the server who holds the advisory lock.
 */
@Component
class RelayInstance {

    /** PostgreSQL keeps at most 63 bytes of an application_name. */
    private static final int MAX_LENGTH = 63;

    private final String id;

    RelayInstance(@Value("${orders.relay.instance-id:}") String configured) {
        this.id = truncate(configured == null || configured.isBlank() ? hostAndPid() : configured.strip());
    }

    String id() {
        return id;
    }

    private static String hostAndPid() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        // The pid tells apart two replicas on one machine (the local stack, the failover test).
        return host + ":" + ProcessHandle.current().pid();
    }

    private static String truncate(String value) {
        String ascii = value.replaceAll("[^\\x20-\\x7e]", "?");
        return ascii.length() <= MAX_LENGTH ? ascii : ascii.substring(0, MAX_LENGTH);
    }
}
