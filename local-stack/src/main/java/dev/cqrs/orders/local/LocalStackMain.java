package dev.cqrs.orders.local;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.cqrs.orders.local.admin.AdminClient;
import dev.cqrs.orders.local.admin.DeadLettersCommand;
import dev.cqrs.orders.local.admin.RebuildCommand;
import dev.cqrs.orders.local.demo.DemoCommand;

/**
 * Entry point of the local-stack exec jar and of every {@code ./run} subcommand but build, clean, bench, qa and chaos:
 * one node, the infrastructure, the whole system, one service, and the clients of a running system. The help text is
 * {@link Usage}'s.
 */
public final class LocalStackMain {

    /** The subcommands whose arguments are their own business; every other one takes none. */
    private static final Set<String> TAKE_ARGUMENTS = Set.of("guard", "read-your-writes", "token", "command-service",
            "query-service", "dead-letters", "rebuild");

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, Env.system(), System.out, System.err));
    }

    static int run(String[] args, Env env, PrintStream out, PrintStream err) throws InterruptedException {
        String subcommand = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            return help(subcommand, out, err);
        }
        if (!TAKE_ARGUMENTS.contains(subcommand) && !rest.isEmpty()) {
            err.println("unknown option '" + rest.get(0) + "' (" + subcommand + " takes none)");
            return 2;
        }
        int code = switch (subcommand) {
            case "postgres" -> NodeRunner.run(Component.POSTGRES, env);
            case "kafka" -> NodeRunner.run(Component.KAFKA, env);
            case "mongo" -> NodeRunner.run(Component.MONGO, env);
            case "infra" -> SystemRunner.run(false, out, err);
            case "local" -> SystemRunner.run(true, out, err);
            case "command-service" -> ServiceRunner.run(Component.COMMAND, rest, env, out, err);
            case "query-service" -> ServiceRunner.run(Component.QUERY, rest, env, out, err);
            case "demo" -> demo(new ClientTarget(env), out, err);
            case "dead-letters" -> admin(new ClientTarget(env), err,
                    client -> DeadLettersCommand.run(rest.toArray(String[]::new), client, out, err));
            case "rebuild" -> admin(new ClientTarget(env), err,
                    client -> RebuildCommand.run(rest.toArray(String[]::new), client, out, err));
            case "guard" -> guard(args, env, err);
            case "read-your-writes" -> ReadYourWritesCommand.run(args, env, out, err);
            case "token" -> TokenCommand.run(args, env, out, err);
            case "help", "-h", "--help" -> {
                out.print(Usage.text());
                yield 0;
            }
            default -> {
                err.println("unknown subcommand '" + subcommand + "'");
                err.print(Usage.text());
                yield 2;
            }
        };
        if (code == 2 && (subcommand.equals("dead-letters") || subcommand.equals("rebuild"))) {
            Usage.of(subcommand).ifPresent(err::println);
        }
        return code;
    }

    /** {@code <subcommand> --help}: its part of the help text, or the whole text for a subcommand it does not know. */
    private static int help(String subcommand, PrintStream out, PrintStream err) {
        return Usage.of(subcommand).map(part -> {
            out.println(part);
            return 0;
        }).orElseGet(() -> {
            err.println("unknown subcommand '" + subcommand + "'");
            err.print(Usage.text());
            return 2;
        });
    }

    private static int demo(ClientTarget target, PrintStream out, PrintStream err) {
        out.println("demo against " + target.commandUrl() + " (commands) and " + target.queryUrl() + " (queries)");
        String authorization = target.staffAuthorization().orElse(null);
        out.println(authorization != null ? "as staff, with a token signed by the key in " + target.dataDir()
                : "without a token: no API key in " + target.dataDir() + " (only a system with API_AUTH_ENABLED=false will answer)");
        return DemoCommand.run(target.commandUrl(), target.queryUrl(), authorization, out, err);
    }

    /** An admin subcommand with the operator's credential; exit 1 when there is none to send. */
    private static int admin(ClientTarget target, PrintStream err, Function<AdminClient, Integer> command) {
        return target.adminAuth().map(auth -> command.apply(new AdminClient(target.queryUrl(), auth))).orElseGet(() -> {
            err.println("no admin credential: start ./run local (it writes " + target.dataDir().resolve(AdminCredentials.FILE_NAME)
                    + ") or set ADMIN_AUTH=user:password (a bcrypt hash in ADMIN_USERS cannot be sent)");
            return 1;
        });
    }

    /** {@code guard --parent-pid N}: started by a launcher, never by hand. */
    private static int guard(String[] args, Env env, PrintStream err) {
        if (args.length != 3 || !args[1].equals("--parent-pid") || !args[2].matches("\\d{1,10}")) {
            err.println("usage: guard --parent-pid N (the launcher starts it)");
            return 2;
        }
        return Guardian.run(env.dataDir(), Long.parseLong(args[2]));
    }
}
