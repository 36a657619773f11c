package dev.cqrs.orders.bench;

/** How the report shows a JFR profile: shares by layer (self and anywhere on the stack), hottest methods and threads. */
final class JfrText {

    private JfrText() {
    }

    static void tables(Markdown out, JfrProfile.Summary profile) {
        out.line("By layer (each sample charged to the innermost frame outside the JDK), and how often a layer is anywhere on the stack:");
        out.line();
        out.tableHead("layer (self)", "share", "", "layer (anywhere on the stack)", "share");
        for (int i = 0; i < Math.max(profile.layers().size(), profile.inclusive().size()); i++) {
            JfrProfile.Share self = i < profile.layers().size() ? profile.layers().get(i) : null;
            JfrProfile.Share incl = i < profile.inclusive().size() ? profile.inclusive().get(i) : null;
            out.line("| " + (self == null ? "" : self.name()) + " | " + (self == null ? "" : Fmt.pct(self.fraction())) + " | | "
                    + (incl == null ? "" : incl.name()) + " | " + (incl == null ? "" : Fmt.pct(incl.fraction())) + " |");
        }
        out.line();
        out.line("Hottest methods (self time) and threads:");
        out.line();
        out.tableHead("method", "share");
        for (JfrProfile.Share method : profile.topMethods()) {
            out.line("| `" + method.name() + "` | " + Fmt.pct(method.fraction()) + " |");
        }
        out.line();
        out.tableHead("thread", "share");
        for (JfrProfile.Share thread : profile.threads()) {
            out.line("| " + thread.name() + " | " + Fmt.pct(thread.fraction()) + " |");
        }
        out.line();
    }
}
