package dev.cqrs.orders.query.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real Tomcat with one thread: requests that wait for it are what the queue's length counts. */
class TomcatQueueTest {

    @TempDir
    Path dir;

    @Test
    void countsTheRequestsWaitingForATomcatThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", dir.toString());
        Tomcat.addServlet(context, "held", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                response.getWriter().write("ok");
            }
        });
        context.addServletMappingDecoded("/*", "held");
        TomcatQueue queue = new TomcatQueue();
        queue.customize(connector);
        assertThat(queue.length()).as("before the connector started").isZero();
        tomcat.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
            }

            // One request holds the only thread; the other three wait in the queue.
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 3);

            release.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 0);
        } finally {
            release.countDown();
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
