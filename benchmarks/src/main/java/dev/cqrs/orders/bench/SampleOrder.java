package dev.cqrs.orders.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.cqrs.orders.events.LineItem;

/**
 * The one order shape every figure uses: a customer out of 1,000, EUR, two lines. The HTTP body and the rows the raw
 * baselines write hold the same values, so both sides do the same work.
 */
record SampleOrder(String customerId, String currency, List<LineItem> items) {

    static SampleOrder next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new SampleOrder("bench-c-" + random.nextInt(1_000), "EUR", List.of(
                new LineItem("BOOK-" + random.nextInt(100), 1 + random.nextInt(3), 1250),
                new LineItem("PEN-" + random.nextInt(100), 1 + random.nextInt(5), 199)));
    }

    String json() {
        StringBuilder body = new StringBuilder(160).append("{\"customerId\":\"").append(customerId)
                .append("\",\"currency\":\"").append(currency).append("\",\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            body.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(item.sku()).append("\",\"quantity\":")
                    .append(item.quantity()).append(",\"unitPriceCents\":").append(item.unitPriceCents()).append('}');
        }
        return body.append("]}").toString();
    }
}
