package dev.cqrs.orders.query.admission;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletRequest;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;

/**
 * Answers of async requests (read-your-writes waits) that are ready and wait in Tomcat's queue for a thread to write
 * them. Spring MVC calls {@link #postProcess} just before it dispatches such an answer; the dispatch reaching the
 * admission filter ({@link #taken}) or the request ending any other way ({@link #afterCompletion}) takes it off, once,
 * so that an answer whose client went away is not counted for ever.
 */
final class ReadyAnswers implements DeferredResultProcessingInterceptor {

    private static final String READY = ReadyAnswers.class.getName() + ".ready";

    private final AtomicInteger ready = new AtomicInteger();

    @Override
    public <T> void postProcess(NativeWebRequest request, DeferredResult<T> deferredResult, Object concurrentResult) {
        ready.incrementAndGet();
        request.setAttribute(READY, new AtomicBoolean(true), RequestAttributes.SCOPE_REQUEST);
    }

    @Override
    public <T> void afterCompletion(NativeWebRequest request, DeferredResult<T> deferredResult) {
        take(request.getAttribute(READY, RequestAttributes.SCOPE_REQUEST));
    }

    /** The answer's dispatch got a thread. */
    void taken(ServletRequest request) {
        take(request.getAttribute(READY));
    }

    /** Answers ready right now and not yet on a thread. */
    int count() {
        return ready.get();
    }

    private void take(Object mark) {
        if (mark instanceof AtomicBoolean waiting && waiting.compareAndSet(true, false)) {
            ready.decrementAndGet();
        }
    }
}
