package dev.cqrs.orders.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its own chromedriver (scripts/ensure-chromium installs both), with
 * optional HTTP Basic credentials, saving screenshots as test artifacts.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final Path screenshotDir;

    private Browser(ChromeDriver driver, Path screenshotDir) {
        this.driver = driver;
        this.screenshotDir = screenshotDir;
    }

    /** A browser without credentials: what an anonymous visitor gets. */
    static Browser anonymous() {
        for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: run scripts/ensure-chromium (as root it installs "
                        + "Debian's chromium and chromium-driver)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        // Both paths given: Selenium Manager never tries to download a browser or a driver.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(120))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The machine may be busy: a page load or a script gets more than the defaults before failing.
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120)).scriptTimeout(Duration.ofSeconds(60));
        return new Browser(driver, screenshotDir());
    }

    /**
     * A browser that sends HTTP Basic credentials with every request, the page's own fetch() calls included.
     * Credentials in the URL (http://user:pass@host/) authenticate only the top-level page: Chromium then refuses
     * every relative fetch() ("Request cannot be constructed from a URL that includes credentials"). Selenium's
     * HasAuthentication needs a CDP module of the browser's exact major version, which Selenium's jars do not have
     * for Debian's current Chromium, and its BiDi auth handler hangs in Selenium 4.37. A header set through
     * chromedriver's version-independent CDP endpoint works like a browser that already holds the credentials.
     */
    static Browser withBasicAuth(String user, String password) {
        Browser browser = anonymous();
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Basic " + token)));
        return browser;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The HTTP status of the current top-level page, as the browser received it. */
    long pageStatus() {
        Object status = driver.executeScript("return performance.getEntriesByType('navigation')[0].responseStatus");
        return ((Number) status).longValue();
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /**
     * Saves a PNG of the whole page at the current window width as {@code <name>.png} in the screenshot directory
     * (the window grows to the page's height for the shot, at most 4000 px) and returns its path.
     */
    Path screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        try {
            Files.createDirectories(screenshotDir);
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new Dimension(before.getWidth(),
                    (int) Math.min(4000, Math.max(before.getHeight(), height + 100))));
            driver.executeScript("window.scrollTo(0, 0)");
            Path target = screenshotDir.resolve(name + ".png");
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save screenshot " + name, e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Path screenshotDir() {
        String configured = System.getProperty("e2e.screenshotDir");
        return Path.of(configured == null || configured.isBlank() || configured.startsWith("${")
                ? "target/screenshots" : configured);
    }
}
