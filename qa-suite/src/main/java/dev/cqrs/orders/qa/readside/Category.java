package dev.cqrs.orders.qa.readside;

/** What is wrong with an order or a customer's summary. Waiting helps only {@link #LOST}, {@link #STUCK} and {@link #SUMMARY}. */
public enum Category {
    /** Acknowledged, but the query side does not know it. */
    LOST,
    /** Visible, but not (yet) at its final version, or missing from a listing. */
    STUCK,
    /** Listed more than once (or in more than one status listing). */
    DOUBLED,
    /** Shown with a state the ledger rules out: a version beyond the last acknowledged, a wrong status or total. */
    WRONG,
    /** Listed for a customer of the run, but never created by the run. */
    PHANTOM,
    /** A customer's summary whose counts by status or totals per currency disagree with the ledger. */
    SUMMARY;

    /** Whether more time could fix it: the read side may still be catching up. */
    public boolean waitingMayFix() {
        return this == LOST || this == STUCK || this == SUMMARY;
    }
}
