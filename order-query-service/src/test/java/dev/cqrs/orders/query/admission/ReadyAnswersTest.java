package dev.cqrs.orders.query.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.ConversionService;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring MVC in a real Tomcat with one thread, wired by {@link AdmissionConfig}: an async answer that waits in the queue
 * for that thread is counted as a ready answer, not as a new request, until its dispatch gets the thread.
 */
class ReadyAnswersTest {

    @TempDir
    Path dir;
    private OneThreadTomcat tomcat;
    private Endpoints endpoints;

    @AfterEach
    void stop() throws Exception {
        if (endpoints != null) {
            endpoints.hold.countDown();
            endpoints.answer.complete("late");
        }
        if (tomcat != null) {
            tomcat.stop();
        }
    }

    @Test
    void anAnswerWaitingForAThreadIsAReadyAnswerUntilItsDispatchRuns() throws Exception {
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(Mvc.class);
        Connector connector = start(spring);
        TomcatQueue queue = spring.getBean(TomcatQueue.class);
        ReadyAnswers answers = spring.getBean(ReadyAnswers.class);
        endpoints = spring.getBean(Endpoints.class);
        queue.customize(connector);
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + connector.getLocalPort();

        CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/orders/waiting")).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoints.started.getCount() == 0);
        CompletableFuture<HttpResponse<String>> holding = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/orders/holding")).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoints.holding.getCount() == 0);

        endpoints.answer.complete("the order"); // its dispatch queues behind the held thread
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 1);
        assertThat(answers.count()).as("the one queued request is a ready answer").isEqualTo(1);

        endpoints.hold.countDown();
        assertThat(waiting.get(10, TimeUnit.SECONDS).body()).isEqualTo("the order");
        assertThat(holding.get(10, TimeUnit.SECONDS).body()).isEqualTo("held");
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.length() == 0);
        assertThat(answers.count()).as("taken off once its dispatch ran").isZero();
    }

    @Test
    void eachAnswerIsCountedOnceAndARequestThatEndedBeforeItsAnswerNever() throws Exception {
        ReadyAnswers answers = new ReadyAnswers();
        ServletWebRequest answered = waiting(answers);
        answers.postProcess(answered, new DeferredResult<>(), "the order");
        assertThat(answers.count()).isEqualTo(1);
        answers.taken(answered.getRequest());
        answers.afterCompletion(answered, new DeferredResult<>());
        assertThat(answers.count()).as("taken off once, by whichever comes first").isZero();

        ServletWebRequest gone = waiting(answers);
        answers.afterCompletion(gone, new DeferredResult<>()); // the client went away
        answers.postProcess(gone, new DeferredResult<>(), "the order"); // the answer set a moment later
        assertThat(answers.count()).as("an answer no dispatch will take off").isZero();

        answers.postProcess(new ServletWebRequest(new MockHttpServletRequest()), new DeferredResult<>(), "no wait began");
        assertThat(answers.count()).isZero();
    }

    private static ServletWebRequest waiting(ReadyAnswers answers) {
        ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("GET", "/orders/waiting"));
        answers.beforeConcurrentHandling(request, new DeferredResult<>());
        return request;
    }

    private Connector start(AnnotationConfigWebApplicationContext spring) throws Exception {
        tomcat = new OneThreadTomcat(dir);
        Context context = tomcat.context;
        spring.setServletContext(context.getServletContext());
        spring.refresh();
        Wrapper servlet = Tomcat.addServlet(context, "mvc", new DispatcherServlet(spring));
        servlet.setAsyncSupported(true);
        context.addServletMappingDecoded("/", "mvc");
        // As Spring Boot registers a OncePerRequestFilter bean: for every dispatcher type.
        FilterDef admission = new FilterDef();
        admission.setFilterName("admission");
        admission.setFilter(spring.getBean(ReadAdmission.class));
        admission.setAsyncSupported("true");
        context.addFilterDef(admission);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("admission");
        mapping.addURLPattern("/*");
        mapping.setDispatcher(DispatcherType.REQUEST.name());
        mapping.setDispatcher(DispatcherType.ASYNC.name());
        context.addFilterMap(mapping);
        tomcat.tomcat.start();
        return tomcat.connector;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @Import(AdmissionConfig.class)
    static class Mvc {

        /** Spring Boot's, for the admission's durations ("250ms"). */
        @Bean
        static ConversionService conversionService() {
            return ApplicationConversionService.getSharedInstance();
        }

        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Endpoints endpoints() {
            return new Endpoints();
        }
    }

    /** One context's endpoints and latches, so that no test sees another's completed answer. */
    @RestController
    static class Endpoints {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch hold = new CountDownLatch(1);
        final CompletableFuture<String> answer = new CompletableFuture<>();

        @GetMapping("/orders/waiting")
        CompletableFuture<String> waiting() {
            started.countDown();
            return answer;
        }

        @GetMapping("/orders/holding")
        String holding() throws InterruptedException {
            holding.countDown();
            hold.await(10, TimeUnit.SECONDS);
            return "held";
        }
    }
}
