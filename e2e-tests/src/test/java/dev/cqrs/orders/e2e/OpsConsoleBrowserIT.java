package dev.cqrs.orders.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import dev.cqrs.orders.e2e.OrdersApi.Item;
import dev.cqrs.orders.local.LocalSystem;
import tools.jackson.databind.JsonNode;

/**
 * The ops console in a real browser, as an operator uses it: a poisoned event shows up as a dead letter, a replay
 * after the fix makes the order current on the query side, a rebuild runs to DONE; screenshots of each step go to
 * target/screenshots. Anonymous visitors and wrong credentials get 401 on the page.
 */
@EndToEnd
class OpsConsoleBrowserIT {

    /** The page polls the services; on a busy machine a change may take a few polls to show. */
    private static final Duration PAGE_SHOWS = Duration.ofSeconds(60);
    private static final Duration REBUILD_DONE = Duration.ofMinutes(5);
    /** The projection retries with backoff before it parks the event as a dead letter. */
    private static final Duration DEAD_LETTERED = Duration.ofMinutes(4);
    private static final String POISONED_MODEL = "order-view";
    private static final String REBUILT_MODEL = "order-list";

    @Test
    void anOperatorReplaysADeadLetterAndRebuildsAReadModelFromThePageAlone(LocalSystem system, OrdersApi api) {
        QueryAdmin admin = new QueryAdmin(system.queryUrl(), system.adminAuthorization());
        String orderId = api.createdOrder(Eventually.newCustomer("console"), "EUR", List.of(new Item("OPS-1", 2, 1250)));
        Eventually.visibleAt(api, orderId, 1);
        admin.injectFault(POISONED_MODEL, orderId);
        assertThat(api.confirm(orderId).status()).isEqualTo(204);
        String deadLetterId = await("a dead letter of " + POISONED_MODEL + " for order " + orderId)
                .atMost(DEAD_LETTERED).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.openDeadLetter(POISONED_MODEL, orderId), Optional::isPresent).orElseThrow();
        assertThat(api.view(orderId).json().path("version").asLong()).as("the poisoned event is not applied").isEqualTo(1);

        try (Browser browser = Browser.withBasicAuth(system.adminUser(), system.adminPassword())) {
            WebDriver page = browser.driver();
            page.get(pageUrl(system));
            assertThat(browser.pageStatus()).isEqualTo(200);
            for (String section : List.of("relay", "read-models", "dead-letters", "rebuilds")) {
                assertThat(page.findElements(By.id(section))).as("section #" + section).hasSize(1);
            }

            By letterRow = By.cssSelector("#dead-letters tr[data-dead-letter-id='" + deadLetterId + "']");
            await("the dead letter on the page").atMost(PAGE_SHOWS).ignoreExceptions()
                    .until(() -> page.findElement(letterRow).isDisplayed());
            browser.screenshot("1-dead-letter");
            browser.resize(Browser.PHONE);
            browser.screenshot("1-dead-letter-phone-390px");
            browser.resize(Browser.DESKTOP);

            admin.clearFault(POISONED_MODEL, orderId);
            page.findElement(letterRow).findElement(By.cssSelector("button[data-action=replay]")).click();
            confirm(page, browser, "2-replay-confirm");
            String reported = await("the page reports the replay").atMost(PAGE_SHOWS).ignoreExceptions()
                    .until(() -> page.findElement(By.id("status")).getText(), text -> text.contains("Replay of " + deadLetterId));
            assertThat(reported).doesNotContain("failed");
            JsonNode view = Eventually.visibleAt(api, orderId, 2);
            assertThat(view.path("status").asString()).isEqualTo("CONFIRMED");
            await("the replayed letter leaves the open ones on the page").atMost(PAGE_SHOWS).ignoreExceptions()
                    .until(() -> page.findElements(letterRow).isEmpty()
                            || page.findElement(letterRow).getText().contains("REPLAYED"));
            assertThat(admin.openDeadLetter(POISONED_MODEL, orderId)).isEmpty();
            browser.screenshot("3-replayed");

            long generationBefore = admin.rebuild(REBUILT_MODEL).path("generation").asLong(0);
            By rebuildRow = By.cssSelector("#rebuilds tr[data-read-model='" + REBUILT_MODEL + "']");
            await("the rebuild row of " + REBUILT_MODEL).atMost(PAGE_SHOWS).ignoreExceptions()
                    .until(() -> page.findElement(rebuildRow).isDisplayed());
            page.findElement(rebuildRow).findElement(By.cssSelector("button[data-action=rebuild]")).click();
            confirm(page, browser, "4-rebuild-confirm");
            await("a new rebuild of " + REBUILT_MODEL + " started").atMost(PAGE_SHOWS)
                    .until(() -> admin.rebuild(REBUILT_MODEL).path("generation").asLong(0) > generationBefore);
            assertThat(page.findElement(rebuildRow).findElements(By.tagName("progress"))).hasSize(1);
            browser.screenshot("5-rebuild-running");
            // Finished on the service first (an earlier rebuild's DONE must not count), then shown on the page.
            JsonNode finished = await("the new rebuild of " + REBUILT_MODEL + " finished").atMost(REBUILD_DONE)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> admin.rebuild(REBUILT_MODEL),
                            status -> status.path("state").asString().matches("DONE|FAILED"));
            assertThat(finished.path("state").asString()).as(finished.toString()).isEqualTo("DONE");
            await("DONE on the page").atMost(PAGE_SHOWS).ignoreExceptions()
                    .until(() -> state(page, rebuildRow), "DONE"::equals);
            browser.screenshot("6-rebuild-done");
        }
    }

    @Test
    void anAnonymousBrowserGets401OnThePage(LocalSystem system) {
        try (Browser browser = Browser.anonymous()) {
            browser.driver().get(pageUrl(system));
            assertThat(browser.pageStatus()).isEqualTo(401);
            assertThat(browser.driver().findElements(By.id("dead-letters"))).isEmpty();
        }
    }

    @Test
    void aBrowserWithAWrongPasswordGets401OnThePage(LocalSystem system) {
        try (Browser browser = Browser.withBasicAuth(system.adminUser(), system.adminPassword() + "-wrong")) {
            browser.driver().get(pageUrl(system));
            assertThat(browser.pageStatus()).isEqualTo(401);
            assertThat(browser.driver().findElements(By.id("dead-letters"))).isEmpty();
        }
    }

    /** Answers the page's confirmation dialog with "confirm", after a screenshot of it. */
    private static void confirm(WebDriver page, Browser browser, String screenshot) {
        By dialog = By.cssSelector("dialog#confirm[open]");
        await("the confirmation dialog").atMost(PAGE_SHOWS).ignoreExceptions()
                .until(() -> page.findElement(dialog).isDisplayed());
        browser.screenshot(screenshot);
        WebElement button = page.findElement(dialog).findElement(By.cssSelector("button[value=confirm]"));
        button.click();
        await("the confirmation dialog closes").atMost(PAGE_SHOWS).until(() -> page.findElements(dialog).isEmpty());
    }

    /** The page at the console's root (a double slash would be refused by the firewall with 400). */
    private static String pageUrl(LocalSystem system) {
        return URI.create(system.consoleUrl()).resolve("/").toString();
    }

    private static String state(WebDriver page, By rebuildRow) {
        return page.findElement(rebuildRow).findElement(By.cssSelector("[data-field=state]")).getText().trim();
    }
}
