package dev.cqrs.orders.query.customersummary;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.cqrs.orders.query.readmodel.OrderStatus;
import dev.cqrs.orders.query.readmodel.VersionedStore;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Answers {@link GetCustomerSummary} from the live generation of {@code customer_summaries}, by primary key. */
class GetCustomerSummaryHandler {

    /** What the answer needs; the bookkeeping of moves ({@code moves}) is for idempotency and never leaves. */
    static final Bson COUNTERS = Projections.include(CustomerSummaryFields.COUNTS, CustomerSummaryFields.TOTALS,
            CustomerSummaryFields.LAST_ORDER_AT);

    private final Supplier<MongoCollection<Document>> summaries;

    GetCustomerSummaryHandler(Supplier<MongoCollection<Document>> summaries) {
        this.summaries = summaries;
    }

    Optional<CustomerSummary> handle(GetCustomerSummary query) {
        Document document = summaries.get().find(Filters.eq(VersionedStore.ID, query.customerId()))
                .projection(COUNTERS)
                .first();
        return Optional.ofNullable(document).map(GetCustomerSummaryHandler::toSummary);
    }

    // Package-private so that tests read documents exactly as the endpoint does.
    static CustomerSummary toSummary(Document document) {
        Document counts = document.get(CustomerSummaryFields.COUNTS, new Document());
        Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
        long orderCount = 0;
        for (OrderStatus status : OrderStatus.values()) {
            long count = counts.get(status.name()) instanceof Number number ? number.longValue() : 0L;
            byStatus.put(status, count);
            orderCount += count;
        }
        Map<String, Long> totals = new TreeMap<>();
        document.get(CustomerSummaryFields.TOTALS, new Document())
                .forEach((currency, cents) -> totals.put(currency, ((Number) cents).longValue()));
        return new CustomerSummary(
                document.getString(VersionedStore.ID),
                orderCount,
                Collections.unmodifiableMap(byStatus),
                Collections.unmodifiableMap(totals),
                document.getDate(CustomerSummaryFields.LAST_ORDER_AT).toInstant());
    }
}
