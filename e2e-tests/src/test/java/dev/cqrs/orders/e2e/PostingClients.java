package dev.cqrs.orders.e2e;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.e2e.OrdersApi.Reply;

/**
 * Clients that POST orders back to back, each with a customer of its own, until stopped, keeping every order the
 * command service acknowledged (201) and what else they saw. They go on through restarts: a refused connection is
 * counted and retried, so the load is there again the moment the service is back.
 */
final class PostingClients implements AutoCloseable {

    private final OrdersApi api;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Queue<String>> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> others = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    PostingClients(OrdersApi api, int clients, String name) {
        this.api = api;
        for (int i = 0; i < clients; i++) {
            String customer = Eventually.newCustomer(name + "-" + i);
            acknowledged.put(customer, new ConcurrentLinkedQueue<>());
            threads.add(new Thread(() -> post(customer), "posting-" + i));
        }
        threads.forEach(Thread::start);
    }

    private void post(String customer) {
        List<Item> items = List.of(new Item("SKU-1", 1, 250), new Item("SKU-2", 2, 100));
        while (stopped.getCount() > 0) {
            try {
                Reply reply = api.create(customer, "EUR", items);
                if (reply.status() == 201) {
                    acknowledged.get(customer).add(reply.json().path("orderId").asString());
                } else {
                    count("HTTP " + reply.status());
                }
            } catch (RuntimeException e) {
                count(kind(e));
                if (kind(e).equals("refused")) {
                    pause();
                }
            }
        }
    }

    /** Refused or timed out connecting: never sent, so it cannot have committed; anything else is uncertain. */
    private static String kind(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                return "refused";
            }
        }
        return "uncertain";
    }

    private void count(String kind) {
        others.computeIfAbsent(kind, key -> new AtomicLong()).incrementAndGet();
    }

    private void pause() {
        try {
            // A restarting service refuses connections for seconds: do not spin meanwhile, but end at once on close().
            stopped.await(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many orders were acknowledged so far. */
    int acknowledgedCount() {
        return acknowledged.values().stream().mapToInt(Queue::size).sum();
    }

    /** Every acknowledged order id by customer, in the order each client got them. */
    Map<String, List<String>> acknowledgedByCustomer() {
        Map<String, List<String>> copy = new TreeMap<>();
        acknowledged.forEach((customer, ids) -> copy.put(customer, List.copyOf(ids)));
        return copy;
    }

    /** Answers other than 201 and failed requests, by kind ("HTTP 503", "refused", "uncertain"). */
    Map<String, Long> others() {
        Map<String, Long> copy = new TreeMap<>();
        others.forEach((kind, count) -> copy.put(kind, count.get()));
        return copy;
    }

    @Override
    public void close() {
        stopped.countDown();
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
