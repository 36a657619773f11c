package dev.cqrs.orders.qa.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which faults a run injects, in which order: rounds of every kind the driver can inject, each round shuffled, so
 * any run with at least as many faults as kinds has each kind at least once, and longer runs have them evenly.
 */
public final class FaultPlan {

    private FaultPlan() {
    }

    public static List<FaultKind> plan(int faults, Set<FaultKind> kinds, Random random) {
        if (faults < 0) {
            throw new IllegalArgumentException("faults must not be negative, got " + faults);
        }
        if (kinds.isEmpty()) {
            return List.of(); // the none driver: the faults setting does not apply
        }
        List<FaultKind> best = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            List<FaultKind> plan = shuffledRounds(faults, kinds, random);
            if (best == null) {
                best = plan;
            }
            if (!rewindRightAfterQueryKill(plan)) {
                return plan;
            }
        }
        return best;
    }

    private static List<FaultKind> shuffledRounds(int faults, Set<FaultKind> kinds, Random random) {
        List<FaultKind> plan = new ArrayList<>(faults);
        while (plan.size() < faults) {
            List<FaultKind> round = new ArrayList<>(EnumSet.copyOf(kinds));
            Collections.shuffle(round, random);
            plan.addAll(round.subList(0, Math.min(round.size(), faults - plan.size())));
        }
        return List.copyOf(plan);
    }

    /**
     * A rewind needs the consumer groups empty, and a kill -9'd consumer stays a member until its session times
     * out (45 s): a rewind right after a query kill would mostly wait. Avoided to keep runs short, not for safety.
     */
    static boolean rewindRightAfterQueryKill(List<FaultKind> plan) {
        for (int i = 1; i < plan.size(); i++) {
            if (plan.get(i) == FaultKind.REWIND_QUERY_OFFSETS && plan.get(i - 1) == FaultKind.KILL_QUERY) {
                return true;
            }
        }
        return false;
    }
}
