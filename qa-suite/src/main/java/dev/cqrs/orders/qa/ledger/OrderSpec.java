package dev.cqrs.orders.qa.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One order of a run, decided before the run from the seed: what the create request carries, and the commands
 * its client then sends, valid ones and (rarely) one deliberately invalid one that must be refused with 409.
 *
 * @param index          position in the run
 * @param idempotencyKey the Idempotency-Key of its create request, kept over retries
 */
public record OrderSpec(int index, String idempotencyKey, String customerId, String currency, List<Line> lines,
                        long discountCents, List<Step> steps, String cancellationReason) {

    /** One order line of the create request. */
    public record Line(String sku, int quantity, long unitPriceCents) {
    }

    /** A command after the create; {@code valid} tells whether the state machine allows it at that point. */
    public record Step(Transition transition, boolean valid) {
    }

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF");
    private static final List<List<Transition>> PATHS = List.of(
            List.of(),
            List.of(Transition.CANCEL),
            List.of(Transition.CONFIRM),
            List.of(Transition.CONFIRM, Transition.CANCEL),
            List.of(Transition.CONFIRM, Transition.SHIP));
    /** Chance of each path above, in percent. */
    private static final int[] PATH_WEIGHTS = {15, 15, 20, 15, 35};

    public OrderSpec {
        lines = List.copyOf(lines);
        steps = List.copyOf(steps);
    }

    /** The order at {@code index} of a run: the same seed gives the same order, whichever client places it. */
    public static OrderSpec generate(int index, String runId, List<String> customers, long seed, double invalidRate) {
        // SplittableRandom mixes its seed: neighbouring indexes get unrelated orders (java.util.Random would not).
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        String customer = customers.get(random.nextInt(customers.size()));
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        List<Line> lines = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int line = 0; line < count; line++) {
            lines.add(new Line("SKU-" + (1 + random.nextInt(500)), 1 + random.nextInt(5), 1 + random.nextInt(20_000)));
        }
        long gross = lines.stream().mapToLong(line -> line.quantity() * line.unitPriceCents()).sum();
        long discount = random.nextInt(100) < 30 ? (long) (random.nextDouble() * gross) : 0;
        List<Transition> path = PATHS.get(pick(random));
        List<Step> steps = new ArrayList<>();
        path.forEach(transition -> steps.add(new Step(transition, true)));
        if (random.nextDouble() < invalidRate) {
            int at = random.nextInt(steps.size() + 1);
            OrderStatus status = statusAfter(path.subList(0, at));
            List<Transition> refused = java.util.Arrays.stream(Transition.values()).filter(t -> !t.allowedFrom(status)).toList();
            steps.add(at, new Step(refused.get(random.nextInt(refused.size())), false));
        }
        return new OrderSpec(index, runId + "-" + index, customer, currency, lines, discount, steps,
                "chaos " + runId + " order " + index);
    }

    private static int pick(SplittableRandom random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < PATH_WEIGHTS.length; i++) {
            roll -= PATH_WEIGHTS[i];
            if (roll < 0) {
                return i;
            }
        }
        return PATH_WEIGHTS.length - 1;
    }

    static OrderStatus statusAfter(List<Transition> path) {
        OrderStatus status = OrderStatus.CREATED;
        for (Transition transition : path) {
            status = transition.target();
        }
        return status;
    }

    /** What the customer pays: the sum of the lines minus the discount. */
    public long totalCents() {
        return lines.stream().mapToLong(line -> line.quantity() * line.unitPriceCents()).sum() - discountCents;
    }
}
