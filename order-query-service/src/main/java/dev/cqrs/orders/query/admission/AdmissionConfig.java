package dev.cqrs.orders.query.admission;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the admission control. Beans of a configuration rather than components, so that controller slice tests
 * (@WebMvcTest), which have no Tomcat, do not get the filter.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfig {

    @Bean
    TomcatQueue tomcatQueue() {
        return new TomcatQueue();
    }

    @Bean
    ReadyAnswers readyAnswers() {
        return new ReadyAnswers();
    }

    @Bean
    WebMvcConfigurer readyAnswersCounted(ReadyAnswers answers) {
        return new WebMvcConfigurer() {
            @Override
            public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
                configurer.registerDeferredResultInterceptors(answers);
            }
        };
    }

    @Bean
    ReadAdmission readAdmission(TomcatQueue queue, ReadyAnswers answers,
                                @Value("${orders.query.http.max-queued:64}") int maxQueued,
                                @Value("${orders.query.http.shed-after:250ms}") Duration shedAfter, MeterRegistry meters) {
        return new ReadAdmission(queue, answers, maxQueued, shedAfter, System::nanoTime, meters);
    }
}
