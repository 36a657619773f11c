package dev.cqrs.orders.bench;

import java.util.Locale;

/** Number formatting for the report: few digits, always a dot, "n/a" for what was not measured. */
final class Fmt {

    private Fmt() {
    }

    static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    /** A difference in ms with its sign: "+1.20" or "−0.35". */
    static String signedMs(double ms) {
        return Double.isNaN(ms) ? "n/a" : (ms < 0 ? "−" : "+") + ms(Math.abs(ms));
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "n/a";
        }
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String mb(long kb) {
        return kb <= 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
