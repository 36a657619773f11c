package dev.cqrs.orders.local;

import java.io.PrintStream;

/**
 * The {@code token} subcommand ({@code ./run token customer <id>}, {@code ./run token staff [<name>]}): prints only a
 * bearer token for the public APIs on stdout, signed with the key {@code ./run local} keeps in DATA_DIR, so that
 * {@code TOKEN=$(./run token customer c-42)} works in a shell.
 */
final class TokenCommand {

    static final String USAGE = "usage: token customer <customer-id> | token staff [<name>]";

    private TokenCommand() {
    }

    static int run(String[] args, Env env, PrintStream out, PrintStream err) {
        boolean customer = args.length == 3 && args[1].equals("customer");
        boolean staff = (args.length == 2 || args.length == 3) && args[1].equals("staff");
        if (!customer && !staff || args.length == 3 && args[2].isBlank()) {
            err.println(USAGE);
            return 2;
        }
        ApiTokens tokens;
        try {
            tokens = ApiTokens.existing(env.dataDir());
        } catch (IllegalStateException e) {
            err.println("token: " + e.getMessage());
            return 2;
        }
        if (customer) {
            out.println(tokens.customer(args[2]));
        } else {
            out.println(args.length == 3 ? tokens.staff(args[2], ApiTokens.DEFAULT_TTL) : tokens.staff());
        }
        return 0;
    }
}
