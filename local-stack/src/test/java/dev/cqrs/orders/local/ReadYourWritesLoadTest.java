package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load's clients send the token they are given, on every request, as a client team's code would. */
class ReadYourWritesLoadTest {

    @TempDir
    Path dataDir;

    private static ReadYourWritesLoad.Settings settings(FakeOrderServices services) {
        return new ReadYourWritesLoad.Settings(services.url(), services.url(), 20, Duration.ofMillis(500),
                Duration.ZERO, false, "ryw-test-");
    }

    @Test
    void everyPostCarriesTheGivenBearerToken() throws Exception {
        ApiTokens tokens = ApiTokens.forDataDir(dataDir);
        String staff = "Bearer " + tokens.staff();
        try (FakeOrderServices services = new FakeOrderServices(0, staff::equals)) {
            ReadYourWritesResult result = new ReadYourWritesLoad(settings(services), staff).run();
            assertThat(result.sent()).isEqualTo(10);
            assertThat(result.outcomes()).allSatisfy(outcome -> assertThat(outcome.postStatus()).isEqualTo(201));
        }
    }

    /** The planted defect: without the token a checking service refuses every client. */
    @Test
    void withoutATokenEveryPostIsRefused() throws Exception {
        String staff = "Bearer " + ApiTokens.forDataDir(dataDir).staff();
        try (FakeOrderServices services = new FakeOrderServices(0, staff::equals)) {
            ReadYourWritesResult result = new ReadYourWritesLoad(settings(services)).run();
            assertThat(result.outcomes()).isNotEmpty().allSatisfy(outcome -> assertThat(outcome.postStatus()).isEqualTo(401));
            assertThat(result.missed()).isEqualTo(result.sent());
        }
    }
}
