package dev.cqrs.orders.query.admission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** A real Tomcat on loopback with a single request thread, so that a test decides what waits in its queue. */
final class OneThreadTomcat {

    final Tomcat tomcat = new Tomcat();
    final Connector connector = new Connector();
    final Context context;

    /** Not started yet: add servlets and filters to {@link #context}, then {@code tomcat.start()}. */
    OneThreadTomcat(Path dir) throws IOException {
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "1");
        tomcat.setConnector(connector);
        context = tomcat.addContext("", dir.toString());
    }

    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
