package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The browser the console test drives, against a tiny page behind HTTP Basic (no system needed): the credentials
 * reach the page's own fetch() calls, an anonymous browser sees the 401, screenshots are PNG files.
 */
class BrowserIT {

    private static final String PAGE = """
            <!doctype html><html><body><h1>probe</h1><p id="get">waiting</p><p id="post">waiting</p><script>
            const show = (id, p) => p.then(r => r.text().then(t => document.getElementById(id).textContent = r.status + ' ' + t))
                .catch(e => document.getElementById(id).textContent = 'error ' + e);
            show('get', fetch('data'));
            show('post', fetch('/data', {method: 'POST'}));
            </script></body></html>""";

    private static HttpServer server;
    private static final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void serve() throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("op:s3cret".getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean authorized = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(exchange.getRequestMethod() + " " + path + (authorized ? " authorized" : " anonymous"));
            if (!authorized) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"orders-admin\"");
                reply(exchange, 401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}");
            } else if (path.equals("/")) {
                reply(exchange, 200, "text/html", PAGE);
            } else {
                reply(exchange, 200, "application/json", "{\"method\":\"" + exchange.getRequestMethod() + "\"}");
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void basicCredentialsReachThePageAndItsFetchCalls() throws IOException {
        try (Browser browser = Browser.withBasicAuth("op", "s3cret")) {
            browser.driver().get(url());
            assertThat(browser.pageStatus()).isEqualTo(200);
            await("the page's fetch() answers").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    !text(browser, "get").equals("waiting") && !text(browser, "post").equals("waiting"));
            assertThat(text(browser, "get")).isEqualTo("200 {\"method\":\"GET\"}");
            assertThat(text(browser, "post")).isEqualTo("200 {\"method\":\"POST\"}");
            assertThat(requests).contains("GET /data authorized", "POST /data authorized");

            browser.resize(Browser.PHONE);
            Path shot = browser.screenshot("browser-probe-phone");
            byte[] png = Files.readAllBytes(shot);
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            // PNG header: width at bytes 16-19; the viewport is the window's width (a device pixel ratio of 1).
            int width = ((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff);
            assertThat(width).isEqualTo(Browser.PHONE.getWidth());
        }
    }

    @Test
    void anAnonymousBrowserSeesThe401() {
        try (Browser browser = Browser.anonymous()) {
            browser.driver().get(url());
            assertThat(browser.pageStatus()).isEqualTo(401);
            assertThat(browser.driver().findElements(By.id("get"))).isEmpty();
        }
    }

    private static String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static String text(Browser browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
