package dev.cqrs.orders.command.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The W3C traceparent of the span the current command runs in, or null outside any trace. */
@Component
class CurrentTraceparent {

    private final ObjectProvider<Tracer> tracer;

    CurrentTraceparent(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    String get() {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
