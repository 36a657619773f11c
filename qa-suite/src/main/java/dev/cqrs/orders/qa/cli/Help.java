package dev.cqrs.orders.qa.cli;

import dev.cqrs.orders.qa.config.Setting;

/** The text of {@code --help}: written for a QA engineer who has never seen the suite. */
final class Help {

    private Help() {
    }

    static String text() {
        StringBuilder settings = new StringBuilder();
        for (Setting setting : Setting.values()) {
            settings.append(wrap(String.format("  %-35s", setting.flag() + " " + placeholder(setting)),
                    setting.help() + " [" + setting.fallback() + "]"));
        }
        return """
                qa-suite: checks that the order system is eventually consistent and never wrong.

                It places orders through the command service (each with an Idempotency-Key) and moves them through random
                valid paths (confirm, ship, cancel; a few deliberately invalid transitions must be refused with 409),
                keeping a ledger of every acknowledged command and the version it produced. Optionally it injects faults
                at the same time. Then it waits until the read side has caught up and compares the ledger with every read
                model: each order's view (GET /orders/{id}), each customer's listings (GET /orders?customerId=, whole and
                by status) and each customer's summary (GET /customers/{id}/summary: counts by status, totals per
                currency). Read-your-writes (GET /orders/{id}?minVersion=) is checked along the way. Where it can reach
                them, it also audits the Kafka topic and the write model in PostgreSQL. Anything lost, doubled, stuck,
                wrong or invented fails the run.

                usage:
                  java -jar qa-suite.jar [target] [--fault-driver none|local|kubernetes ...] [settings]
                  java -jar qa-suite.jar [target] --reconcile LEDGER          check again later, without load
                  ./run qa [the same options]                                  from a checkout (builds what it needs)
                  java -jar qa-suite.jar --help                                this text (also -h)

                target (pick one):
                  --own-system                 start a system of its own on free ports, beside anything else (needs the
                                               executable jars: STACK_JAR, COMMAND_JAR, QUERY_JAR, CONSOLE_JAR, or a
                                               checkout built with ./run build); the default when no URL or data
                                               directory is given. --work-dir DIR: its data [<report-dir>/system]
                  --data-dir DIR               a ./run local running in another terminal, found through what it records
                                               in DIR/system.properties (URLs, pids, Kafka, PostgreSQL, admin credential)
                  --command-url URL --query-url URL
                                               any running deployment: compose, a Kubernetes namespace, a staging host
                    --admin-auth USER:PASSWORD an operator of the query service's /admin API (for the consumer lag when
                                               Kafka is out of reach); better: --admin-auth-file FILE (first line
                                               user:password) or the environment variable QA_ADMIN_AUTH, which ps
                                               does not show
                    --api-token-file FILE      a staff bearer token of your issuer (scopes orders:read orders:write
                                               orders:staff, audience orders-api) in its first line, read again
                                               whenever the file changes (so a run can outlast one token), or the
                                               environment variable QA_API_TOKEN (one token for the whole run);
                                               without either the suite calls the APIs without a token (an API
                                               with API_AUTH_ENABLED=false)
                    --kafka-bootstrap HOST:PORT  optional: exact lag, the topic audit, and rewinds
                    --jdbc-url URL             optional: the write-model audit (one read-only SELECT of the run's orders);
                                               --jdbc-user USER [postgres], password from --jdbc-password-file FILE
                                               or QA_JDBC_PASSWORD

                faults (--fault-driver, default none):
                  none                         consistency under load only
                  local                        processes on this machine: the suite's own system (it restarts them), or
                                               the ./run local of --data-dir (kill -9 / SIGTERM of the pids it records;
                                               its launcher starts them again). Every fault kind.
                  kubernetes                   through kubectl in --namespace NS (--kube-context CTX, --kubectl PATH):
                                               force-deletes service pods, rolling-restarts the PostgreSQL, Kafka and
                                               MongoDB StatefulSets, deletes their pods with a 1 s grace as a crash. No
                                               rewinds. Pods are found by label: --command-selector, --query-selector,
                                               --postgres-selector, --kafka-selector, --mongo-selector [the labels of
                                               k8s/: app.kubernetes.io/name=order-command-service, ...]; the
                                               StatefulSets are named postgres, kafka and mongo.
                                               --fault-timeout-seconds N: how long a part may take to come back [600]
                  --allow-faults-on-target     required for any fault driver against a system the suite did not start:
                                               faults stop and kill processes other people may be using
                  Fault kinds: KILL_COMMAND, KILL_COMMAND_AFTER_COMMIT, KILL_QUERY, REWIND_QUERY_OFFSETS (needs
                  Kafka), RESTART_POSTGRES, RESTART_KAFKA, RESTART_MONGO, CRASH_POSTGRES (kill -9 of the postmaster),
                  CRASH_KAFKA, CRASH_MONGO. The plan takes turns over the kinds the driver can inject.

                safe for a shared environment:
                  The load is bounded: --rate commands per second, --orders orders, --max-load-seconds; the run stops
                  by itself (the read side gets --quiescence-seconds more). Every customer id it creates is
                  <run id>-c<n> (run id qa-xxxxxxxx), so its orders are easy to tell apart. It changes nothing it did not
                  create: its own orders only; the audits only read. Faults are the exception, hence the opt-in.

                results (in --report-dir):
                  exit code 0: passed; 1: failed (or the run could not be done); 2: a mistake on the command line
                  report.md            for people: each check, the counts, the faults, the delays, the problems
                  report.json          the same for pipelines
                  TEST-qa-suite.xml    JUnit XML, one test case per check (failed with reasons, or skipped with why)
                  ledger.jsonl         the ledger, for --reconcile
                  delays.csv lag.csv publish.csv   every commit-to-visible sample, the consumers' backlog over time,
                                       each event's commit-to-published delay

                examples:
                  ./run qa                                              short run on a system of its own, no faults
                  ./run qa --fault-driver local --orders 5000 --clients 8 --faults 16
                  java -jar qa-suite.jar --data-dir .data --fault-driver local --allow-faults-on-target
                  java -jar qa-suite.jar --command-url https://orders.staging --query-url https://orders-read.staging \\
                      --admin-auth-file ~/.qa-admin --orders 500 --rate 10
                  java -jar qa-suite.jar --command-url ... --query-url ... --admin-auth-file ... \\
                      --reconcile qa-report/ledger.jsonl --report-dir qa-recheck

                settings of a run:
                """ + settings;
    }

    private static String placeholder(Setting setting) {
        return switch (setting) {
            case TOPIC, CONSUMER_GROUP_PREFIX -> "NAME";
            case REPORT_DIR -> "DIR";
            case INVALID_RATE, MAX_AMBIGUOUS_SHARE, MAX_MISSED_MOMENT_SHARE, READ_YOUR_WRITES_SHARE -> "SHARE";
            default -> "N";
        };
    }

    /** The text after the flag column, wrapped at 115 characters, continuation lines under its start. */
    private static String wrap(String column, String text) {
        StringBuilder out = new StringBuilder(column);
        int lineStart = 0;
        String indent = " ".repeat(column.length());
        for (String word : text.split(" ")) {
            if (out.length() - lineStart + word.length() + 1 > 115 && out.length() - lineStart > column.length()) {
                out.append('\n').append(indent);
                lineStart = out.length() - indent.length();
            } else if (out.length() - lineStart > column.length()) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.append('\n').toString();
    }
}
