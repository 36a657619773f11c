package dev.cqrs.orders.query.admission;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    ReadAdmission readAdmission(TomcatQueue queue, @Value("${orders.query.http.max-queued:64}") int maxQueued,
                                @Value("${orders.query.http.shed-after:250ms}") Duration shedAfter, MeterRegistry meters) {
        return new ReadAdmission(queue, maxQueued, shedAfter, System::nanoTime, meters);
    }
}
