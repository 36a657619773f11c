package dev.cqrs.orders.local;

import java.io.PrintStream;

/** Entry point of the local-stack exec jar: one node, the infrastructure, the whole system, the demo or a token. */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        String subcommand = args.length == 0 ? "help" : args[0];
        if (!subcommand.equals("guard") && !subcommand.equals("read-your-writes") && !subcommand.equals("token")
                && args.length > 1) {
            err.println("unknown option '" + args[1] + "' (" + subcommand + " takes none)");
            return 2;
        }
        return switch (subcommand) {
            case "postgres" -> NodeRunner.run(Component.POSTGRES, Env.system());
            case "kafka" -> NodeRunner.run(Component.KAFKA, Env.system());
            case "mongo" -> NodeRunner.run(Component.MONGO, Env.system());
            case "infra" -> SystemRunner.run(false, out, err);
            case "local" -> SystemRunner.run(true, out, err);
            case "demo" -> DemoCommand.run(Env.system(), out, err);
            case "guard" -> guard(args, err);
            case "read-your-writes" -> ReadYourWritesCommand.run(args, Env.system(), out, err);
            case "token" -> TokenCommand.run(args, Env.system(), out, err);
            case "help", "-h", "--help" -> help(out, 0);
            default -> {
                err.println("unknown subcommand '" + subcommand + "'");
                yield help(err, 2);
            }
        };
    }

    /** {@code guard --parent-pid N}: started by a launcher, never by hand. */
    private static int guard(String[] args, PrintStream err) {
        if (args.length != 3 || !args[1].equals("--parent-pid") || !args[2].matches("\\d{1,10}")) {
            err.println("usage: guard --parent-pid N (the launcher starts it)");
            return 2;
        }
        return Guardian.run(Env.system().dataDir(), Long.parseLong(args[2]));
    }

    private static int help(PrintStream out, int code) {
        out.println("""
                usage: java -jar local-stack-exec.jar <subcommand>

                  postgres   run PostgreSQL (logical WAL) in the foreground, data in $DATA_DIR/postgres
                  kafka      run a KRaft Kafka broker in the foreground, data in $DATA_DIR/kafka
                  mongo      run the Mongo wire server in the foreground, data in $DATA_DIR/mongo
                  infra      run the three nodes above, each as its own process
                  local      run infra plus the command and query services and the ops console; Ctrl-C stops everything
                  demo       walk through a few orders against the running system and time commit -> visible
                  read-your-writes [--rate N] [--seconds S] [--wait-ms W] [--max-p99-ms P]
                             against the running system: N orders/s (50), each POST /orders followed at once by
                             GET /orders/{id}?minVersion=1&waitMs=W (5000); exit 1 unless every GET answered with
                             the order and the GETs' p99 stayed under P ms (1000)
                  token customer <id> | token staff [<name>]
                             print a bearer token (RS256 JWT, 1 h) for the public APIs, signed with the key local
                             keeps in $DATA_DIR/api-auth; exit 2 when there is none yet
                  help       this text

                infra and local also start a guardian process: if the launcher is killed (kill -9, a crash), the
                guardian stops its components within a minute. One launcher per DATA_DIR at a time.

                environment: DATA_DIR (.data), PG_PORT (5432), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
                  MONGO_PORT (27017), COMMAND_PORT (8081), QUERY_PORT (8082), CONSOLE_PORT (8083), STACK_JAR, COMMAND_JAR,
                  QUERY_JAR, CONSOLE_JAR,
                  START_TIMEOUT_SECONDS (180), COMMAND_URL / QUERY_URL (demo; default from the ports),
                  ADMIN_USERS (operators of /admin, /actuator and the console, handed to the services and the console;
                  default operator:<random>, printed at start and written to $DATA_DIR/admin-auth),
                  API_AUTH_ENABLED (true; false opens the order APIs to anyone who reaches the ports)
                logs: $DATA_DIR/logs/<component>.log""");
        return code;
    }
}
