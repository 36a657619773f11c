package dev.cqrs.orders.query.admission;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletRequest;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;

/**
 * Answers of async requests (read-your-writes waits) that are ready and wait in Tomcat's queue for a thread to write
 * them. Spring MVC calls {@link #postProcess} just before it dispatches such an answer; the dispatch reaching the
 * admission filter ({@link #taken}) or the request ending any other way ({@link #afterCompletion}) takes it off. Each
 * request's state moves only forward, so that an answer is counted at most once and a request that ended before its
 * answer was set (its client went away) is never counted: a count that only grew would stop the admission refusing.
 */
final class ReadyAnswers implements DeferredResultProcessingInterceptor {

    private static final String STATE = ReadyAnswers.class.getName() + ".state";
    private static final int WAITING = 0;
    private static final int READY = 1;
    private static final int DONE = 2;

    private final AtomicInteger ready = new AtomicInteger();

    /** On the request's own thread, before its answer can be set. */
    @Override
    public <T> void beforeConcurrentHandling(NativeWebRequest request, DeferredResult<T> deferredResult) {
        request.setAttribute(STATE, new AtomicInteger(WAITING), RequestAttributes.SCOPE_REQUEST);
    }

    @Override
    public <T> void postProcess(NativeWebRequest request, DeferredResult<T> deferredResult, Object concurrentResult) {
        if (request.getAttribute(STATE, RequestAttributes.SCOPE_REQUEST) instanceof AtomicInteger state
                && state.compareAndSet(WAITING, READY)) {
            ready.incrementAndGet();
        }
    }

    @Override
    public <T> void afterCompletion(NativeWebRequest request, DeferredResult<T> deferredResult) {
        done(request.getAttribute(STATE, RequestAttributes.SCOPE_REQUEST));
    }

    /** The answer's dispatch got a thread. */
    void taken(ServletRequest request) {
        done(request.getAttribute(STATE));
    }

    /** Answers ready right now and not yet on a thread. */
    int count() {
        return ready.get();
    }

    private void done(Object state) {
        if (state instanceof AtomicInteger current && current.getAndSet(DONE) == READY) {
            ready.decrementAndGet();
        }
    }
}
