package dev.cqrs.orders.local;

import java.io.PrintStream;
import java.util.OptionalLong;

/** Entry point of the local-stack exec jar: one node, the infrastructure, the whole system, or the demo. */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        String subcommand = args.length == 0 ? "help" : args[0];
        OptionalLong parentPid;
        try {
            parentPid = parentPid(args, Env.system());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        return switch (subcommand) {
            case "postgres" -> NodeRunner.run(Component.POSTGRES, Env.system(), parentPid);
            case "kafka" -> NodeRunner.run(Component.KAFKA, Env.system(), parentPid);
            case "mongo" -> NodeRunner.run(Component.MONGO, Env.system(), parentPid);
            case "infra" -> SystemRunner.run(false, out, err);
            case "local" -> SystemRunner.run(true, out, err);
            case "demo" -> DemoCommand.run(Env.system(), out, err);
            case "help", "-h", "--help" -> help(out, 0);
            default -> {
                err.println("unknown subcommand '" + subcommand + "'");
                yield help(err, 2);
            }
        };
    }

    /** {@code --parent-pid N} or env LOCAL_STACK_PARENT_PID: the node exits when that process is gone. */
    static OptionalLong parentPid(String[] args, Env env) {
        String value = env.get("LOCAL_STACK_PARENT_PID", null);
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--parent-pid") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--parent-pid=")) {
                value = args[i].substring("--parent-pid=".length());
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "' (only --parent-pid N)");
            }
        }
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--parent-pid needs a process id, got '" + value + "'");
        }
    }

    private static int help(PrintStream out, int code) {
        out.println("""
                usage: java -jar local-stack-exec.jar <subcommand> [--parent-pid N]

                  postgres   run PostgreSQL (logical WAL) in the foreground, data in $DATA_DIR/postgres
                  kafka      run a KRaft Kafka broker in the foreground, data in $DATA_DIR/kafka
                  mongo      run the Mongo wire server in the foreground, data in $DATA_DIR/mongo
                  infra      run the three nodes above, each as its own process
                  local      run infra plus the command and query services and the ops console; Ctrl-C stops everything
                  demo       walk through a few orders against the running system and time commit -> visible
                  help       this text

                  --parent-pid N   (or LOCAL_STACK_PARENT_PID) a node exits when process N is gone

                environment: DATA_DIR (.data), PG_PORT (5432), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
                  MONGO_PORT (27017), COMMAND_PORT (8081), QUERY_PORT (8082), CONSOLE_PORT (8083), STACK_JAR, COMMAND_JAR,
                  QUERY_JAR, CONSOLE_JAR,
                  START_TIMEOUT_SECONDS (180), COMMAND_URL / QUERY_URL (demo; default from the ports)
                logs: $DATA_DIR/logs/<component>.log""");
        return code;
    }
}
