package dev.cqrs.orders.qa.faults.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.qa.faults.FaultKind;
import dev.cqrs.orders.qa.faults.Part;

/**
 * Exactly what the kubernetes driver sends to kubectl for each fault (no cluster has run it): a fake kubectl records
 * every call and answers pod listings from a script.
 */
class KubernetesDriverTest {

    private static final String LIST_FORMAT =
            "--output=jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.status.phase}{\"\\n\"}{end}";

    /** Records each call; answers `get pods` per selector from a queue (the last answer repeats), everything else "". */
    private static final class FakeKubectl implements Kubectl {
        final List<List<String>> calls = new ArrayList<>();
        final Map<String, Deque<String>> listings = new HashMap<>();

        void pods(String selector, String... answers) {
            listings.put(selector, new ArrayDeque<>(List.of(answers)));
        }

        @Override
        public String run(List<String> arguments) {
            calls.add(List.copyOf(arguments));
            if (arguments.get(0).equals("get")) {
                String selector = arguments.stream().filter(a -> a.startsWith("--selector=")).findFirst().orElseThrow()
                        .substring("--selector=".length());
                Deque<String> answers = listings.get(selector);
                return answers.size() > 1 ? answers.poll() : answers.peek();
            }
            return "";
        }

        List<List<String>> callsOf(String verb) {
            return calls.stream().filter(call -> call.get(0).equals(verb)).toList();
        }
    }

    private final FakeKubectl kubectl = new FakeKubectl();
    private final KubernetesTarget target = KubernetesTarget.ofManifests("shop-staging").withTiming(Duration.ofSeconds(5),
            Duration.ofMillis(5));
    private final KubernetesDriver driver = new KubernetesDriver(kubectl, target, 1);

    @Test
    void aServiceKillForceDeletesOneRunningPodOfItsDeployment() {
        kubectl.pods("app.kubernetes.io/name=order-command-service",
                "cmd-a uid-a Running\ncmd-b uid-b Pending\n");
        assertThat(driver.kill(Part.COMMAND)).isEqualTo("force-deleted pod cmd-a");
        assertThat(kubectl.calls).containsExactly(
                List.of("get", "pods", "--namespace=shop-staging", "--selector=app.kubernetes.io/name=order-command-service", LIST_FORMAT),
                List.of("delete", "pod", "cmd-a", "--namespace=shop-staging", "--grace-period=0", "--force", "--wait=false"));
    }

    @Test
    void afterAServiceKillItWaitsForAReplacementPodAndThenForReadiness() {
        kubectl.pods("app.kubernetes.io/name=order-query-service",
                "q-a uid-a Running\nq-b uid-b Running\n",   // before the kill
                "q-b uid-b Running\n",                       // the victim is gone, no replacement yet
                "q-a uid-a Running\nq-b uid-b Running\n",   // still listed (the API was slow): keep waiting
                "q-b uid-b Running\nq-c uid-c Pending\n");  // replaced
        String killed = driver.kill(Part.QUERY);
        String victim = killed.substring(killed.lastIndexOf(' ') + 1);
        assertThat(victim).isIn("q-a", "q-b");
        kubectl.calls.clear();
        kubectl.pods("app.kubernetes.io/name=order-query-service", "q-b uid-b Running\n", "q-a uid-a Running\nq-b uid-b Running\n",
                victim.equals("q-a") ? "q-b uid-b Running\nq-c uid-c Running\n" : "q-a uid-a Running\nq-c uid-c Running\n");

        driver.recover(Part.QUERY);

        assertThat(kubectl.callsOf("get")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(kubectl.callsOf("wait")).containsExactly(List.of("wait", "--for=condition=Ready", "pod",
                "--selector=app.kubernetes.io/name=order-query-service", "--namespace=shop-staging", "--timeout=5s"));
        assertThat(kubectl.callsOf("delete")).isEmpty();
    }

    @Test
    void aServerCrashDeletesItsPodWithAOneSecondGraceWithoutForcing() {
        kubectl.pods("app.kubernetes.io/name=postgres", "postgres-0 uid-1 Running\n", "postgres-0 uid-1 Running\n",
                "postgres-0 uid-2 Pending\n");
        assertThat(driver.kill(Part.POSTGRES)).isEqualTo("deleted pod (1 s grace) postgres-0");
        assertThat(kubectl.callsOf("delete")).containsExactly(
                List.of("delete", "pod", "postgres-0", "--namespace=shop-staging", "--grace-period=1", "--wait=false"));
        driver.recover(Part.POSTGRES);
        assertThat(kubectl.callsOf("wait")).containsExactly(List.of("wait", "--for=condition=Ready", "pod",
                "--selector=app.kubernetes.io/name=postgres", "--namespace=shop-staging", "--timeout=5s"));
    }

    @Test
    void aServerRestartIsARollingRestartOfItsStatefulSetAwaitedByRolloutStatus() {
        kubectl.pods("app.kubernetes.io/name=kafka", "kafka-0 uid-9 Running\n");
        assertThat(driver.stop(Part.KAFKA)).isEqualTo("rolling restart of statefulset/kafka");
        assertThat(driver.recover(Part.KAFKA)).isEqualTo("statefulset/kafka rolled out");
        assertThat(kubectl.calls).containsExactly(
                List.of("rollout", "restart", "statefulset/kafka", "--namespace=shop-staging"),
                List.of("rollout", "status", "statefulset/kafka", "--namespace=shop-staging", "--timeout=5s"));
    }

    @Test
    void everyPartIsAwaitedReadyByItsSelectorAfterAFault() {
        assertThat(driver.ensureAllRunning()).isNull();
        assertThat(kubectl.callsOf("wait")).extracting(call -> call.get(3)).containsExactly(
                "--selector=app.kubernetes.io/name=order-command-service", "--selector=app.kubernetes.io/name=order-query-service",
                "--selector=app.kubernetes.io/name=postgres", "--selector=app.kubernetes.io/name=kafka",
                "--selector=app.kubernetes.io/name=mongo");
    }

    @Test
    void itNeverRewindsAndNeverStopsAServiceCleanly() {
        assertThat(driver.kinds()).doesNotContain(FaultKind.REWIND_QUERY_OFFSETS).contains(FaultKind.CRASH_MONGO,
                FaultKind.RESTART_MONGO, FaultKind.KILL_COMMAND_AFTER_COMMIT);
        assertThatThrownBy(() -> driver.stop(Part.COMMAND)).hasMessageContaining("command service is no StatefulSet");
        assertThat(kubectl.calls).isEmpty();
    }

    @Test
    void otherSelectorsAndANamespaceAreSentAsGiven() {
        KubernetesDriver custom = new KubernetesDriver(kubectl, KubernetesTarget.ofManifests("qa")
                .with(Part.COMMAND, "tier=orders-write,env=qa", null).withTiming(Duration.ofSeconds(5), Duration.ofMillis(5)), 1);
        kubectl.pods("tier=orders-write,env=qa", "w-1 u1 Running\n");
        custom.kill(Part.COMMAND);
        assertThat(kubectl.calls.get(0)).contains("--namespace=qa", "--selector=tier=orders-write,env=qa");
    }

    @Test
    void noRunningPodIsAClearError() {
        kubectl.pods("app.kubernetes.io/name=mongo", "mongo-0 uid-1 Pending\n");
        assertThatThrownBy(() -> driver.kill(Part.MONGO)).hasMessageContaining("no running pod of the MongoDB")
                .hasMessageContaining("shop-staging");
    }
}
