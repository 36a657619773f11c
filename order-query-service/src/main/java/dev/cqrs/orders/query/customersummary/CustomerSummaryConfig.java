package dev.cqrs.orders.query.customersummary;

import dev.cqrs.orders.query.readmodel.ReadModelAliases;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the customer summary read model against the live generation of its collections. */
@Configuration(proxyBeanMethods = false)
class CustomerSummaryConfig {

    @Bean
    CustomerSummaryReadModel customerSummaryReadModel() {
        return new CustomerSummaryReadModel();
    }

    @Bean
    CustomerSummaryProjection customerSummaryProjection(CustomerSummaryReadModel readModel, ReadModelAliases aliases) {
        return readModel.projectionInto(aliases.live(readModel.name()));
    }

    @Bean
    GetCustomerSummaryHandler getCustomerSummaryHandler(CustomerSummaryReadModel readModel, ReadModelAliases aliases) {
        return new GetCustomerSummaryHandler(
                () -> aliases.live(readModel.name()).get(CustomerSummaryFields.SUMMARIES));
    }
}
