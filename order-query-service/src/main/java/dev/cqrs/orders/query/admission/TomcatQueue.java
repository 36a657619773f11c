package dev.cqrs.orders.query.admission;

import java.util.concurrent.Executor;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * How many requests wait in Tomcat's queue for one of its threads: new requests and the answers of read-your-writes
 * waits alike. It is the one queue the service's own code never sees, so it is read from the connector.
 */
class TomcatQueue implements TomcatConnectorCustomizer {

    private volatile Connector connector;

    @Override
    public void customize(Connector connector) {
        this.connector = connector;
    }

    /** 0 before the connector has started its executor, or with an executor other than Tomcat's own. */
    int length() {
        Connector current = connector;
        Executor executor = current == null ? null : current.getProtocolHandler().getExecutor();
        return executor instanceof ThreadPoolExecutor pool ? pool.getQueue().size() : 0;
    }
}
