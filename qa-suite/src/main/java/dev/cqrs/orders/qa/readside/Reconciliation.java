package dev.cqrs.orders.qa.readside;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of one comparison of the ledger with the read side.
 *
 * @param acknowledged     orders whose create was acknowledged
 * @param visible          of those, how many {@code GET /orders/{id}} shows
 * @param bySubject        per category, the orders (or, for summaries, customers) with that problem
 * @param listingCounts    per customer, how many orders its listing has against how many were acknowledged
 * @param summariesChecked customers whose summary was compared
 */
public record Reconciliation(int acknowledged, int visible, Map<Category, Set<String>> bySubject, List<Problem> problems,
                             Map<String, String> listingCounts, int summariesChecked) {

    public int count(Category category) {
        return bySubject.getOrDefault(category, Set.of()).size();
    }

    /** Nothing left that waiting could fix. */
    public boolean settled() {
        return problems.stream().noneMatch(problem -> problem.category().waitingMayFix());
    }
}
