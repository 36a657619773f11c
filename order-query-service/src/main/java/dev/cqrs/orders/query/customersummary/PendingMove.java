package dev.cqrs.orders.query.customersummary;

import java.util.concurrent.ThreadLocalRandom;

import dev.cqrs.orders.query.readmodel.OrderStatus;
import org.bson.Document;

/**
 * A move of one order's contribution that its contribution document has recorded and the summary may not have taken
 * yet. {@code seq} is the summary's move counter read before the move was recorded: the move, if taken, was taken
 * after it, which is what lets the summary's bounded list of move ids prove that it was not.
 *
 * @param id   random, so that racing writers of the same order agree on it only through the contribution document
 * @param from the status the summary counted before (null: the order was not counted yet)
 */
record PendingMove(long id, long seq, OrderStatus from) {

    static PendingMove after(long seq, OrderStatus from) {
        return new PendingMove(ThreadLocalRandom.current().nextLong(), seq, from);
    }

    Document toDocument() {
        Document document = new Document(CustomerSummaryFields.PENDING_ID, id).append(CustomerSummaryFields.PENDING_SEQ, seq);
        if (from != null) {
            document.append(CustomerSummaryFields.PENDING_FROM, from.name());
        }
        return document;
    }

    static PendingMove from(Document document) {
        String from = document.getString(CustomerSummaryFields.PENDING_FROM);
        return new PendingMove(((Number) document.get(CustomerSummaryFields.PENDING_ID)).longValue(),
                ((Number) document.get(CustomerSummaryFields.PENDING_SEQ)).longValue(),
                from == null ? null : OrderStatus.valueOf(from));
    }
}
