package io.github.luccaprovisioning;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium against the running sandbox (embedded Lucca API, SCIM target and SMTP
 * server): "Import data now", the progress bar to 100%, the new row in the history, the error file downloaded, a
 * person found in the managed list; automatic sync paused and enabled again. Screenshots go to target/browser-test.
 * <p>
 * Needs Debian's chromium and chromium-driver (.ci/run installs them, and sets LUCCA_BROWSER_TEST=required so that
 * CI fails rather than skips without them); elsewhere the test is skipped with a message when they are missing.
 */
@Timeout(180)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    private static final String TOKEN = "browser-test-token";

    @TempDir
    Path folder;

    private ProvisioningMain sandbox;
    private WebDriver browser;
    private int port;

    @BeforeEach
    void startSandboxAndBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("LUCCA_BROWSER_TEST"))) {
            throw new AssertionError("The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "No " + CHROMIUM + " or " + CHROMEDRIVER + ": the dashboard's browser test is "
                + "skipped (apt-get install chromium chromium-driver to run it; CI does)");

        port = SyncPipeline.freePort();
        sandbox = LuccaProvisioning.createMain("sandbox", Map.of(
                "sandbox.folder", folder.resolve("sandbox").toString(),
                "db.url", "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath(),
                "sync.reports-dir", folder.resolve("reports").toString(),
                "admin.token", TOKEN,
                "admin.host", "127.0.0.1",
                "admin.port", String.valueOf(port),
                "admin.management-port", String.valueOf(SyncPipeline.freePort()),
                "camel.main.shutdown-timeout", "5"));
        sandbox.start();
        if (sandbox.startFailure() != null) {
            throw sandbox.startFailure();
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags this machine's closed network needs, and a window the size of a laptop screen
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,900", "--user-data-dir=" + folder.resolve("chromium-profile"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", folder.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void importDataNowShowsTheProgressToTheEndThenTheRunErrorFileAndPeople() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        // the dashboard renders its tables anew at every refresh: a row found a moment earlier may be gone
        wait.ignoring(StaleElementReferenceException.class);
        browser.get("http://127.0.0.1:" + port + "/#token=" + TOKEN);
        WebElement importNow = wait.until(ExpectedConditions.elementToBeClickable(By.id("import-now")));
        assertThat(browser.getCurrentUrl()).as("the token leaves the address bar").doesNotContain(TOKEN);
        assertThat(browser.findElements(By.cssSelector("#run-history tr[data-run-id]"))).isEmpty();

        importNow.click();

        WebElement progress = browser.findElement(By.id("run-progress"));
        wait.until(ExpectedConditions.attributeToBe(progress, "aria-valuenow", "100"));
        // the bar is full once every employee is processed, and the run's end (links, report) comes after: its
        // summary replaces the running text then, and the history shows it at its next refresh
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-progress-text"), "created"));
        assertThat(browser.findElement(By.id("run-progress-text")).getText()).contains("Run #1");
        By firstRun = By.cssSelector("#run-history tr[data-run-id='1']");
        wait.until(ExpectedConditions.textMatches(firstRun, Pattern.compile("(?i)completed with errors")));
        assertThat(textOf(wait, firstRun)).contains("manual");
        screenshot("dashboard-after-import.png");

        click(wait, By.cssSelector("#run-history tr[data-run-id='1'] .download-csv"));
        Path errorFile = folder.resolve("downloads/run-1-errors.csv");
        wait.until(done -> Files.exists(errorFile));
        assertThat(Files.readString(errorFile)).contains("email missing");

        String someone = textOf(wait, By.cssSelector("#employees tr[data-lucca-id] td:nth-child(2)"));
        WebElement search = browser.findElement(By.id("employee-search"));
        search.sendKeys(someone);
        wait.until(found -> browser.findElements(By.cssSelector("#employees tr[data-lucca-id]")).size() == 1);
        assertThat(textOf(wait, By.cssSelector("#employees tr[data-lucca-id]"))).contains(someone);
        screenshot("dashboard-people-search.png");

        HttpResponse<String> startedElsewhere = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/runs")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(startedElsewhere.statusCode()).isEqualTo(202);
        By secondRun = By.cssSelector("#run-history tr[data-run-id='2']");
        wait.until(ExpectedConditions.presenceOfElementLocated(secondRun));
        assertThat(textOf(wait, secondRun)).as("shown without a reload").contains("manual");
    }

    @Test
    void pauseAutomaticSyncHoldsUntilEnabledAgain() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://127.0.0.1:" + port + "/#token=" + TOKEN);
        WebElement toggle = wait.until(ExpectedConditions.elementToBeClickable(By.id("automatic-sync")));
        wait.until(ExpectedConditions.textToBe(By.id("automatic-sync-state"), "Automatic sync on"));
        assertThat(toggle.getText()).isEqualTo("Pause automatic sync");

        toggle.click();

        wait.until(ExpectedConditions.textToBe(By.id("automatic-sync-state"), "Automatic sync paused"));
        assertThat(toggle.getText()).isEqualTo("Enable automatic sync");
        screenshot("dashboard-automatic-sync-paused.png");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("automatic-sync-state"), "Automatic sync paused"));

        browser.findElement(By.id("automatic-sync")).click();

        wait.until(ExpectedConditions.textToBe(By.id("automatic-sync-state"), "Automatic sync on"));
        assertThat(browser.findElement(By.id("automatic-sync")).getText()).isEqualTo("Pause automatic sync");
    }

    /** The text of a table row or cell, found again at each try of a wait that ignores stale elements. */
    private static String textOf(WebDriverWait wait, By row) {
        return wait.until(page -> page.findElement(row).getText());
    }

    /** A click on a table's button, found again at each try of a wait that ignores stale elements. */
    private static void click(WebDriverWait wait, By button) {
        wait.until(page -> {
            page.findElement(button).click();
            return true;
        });
    }

    private void screenshot(String name) throws Exception {
        Path shots = Path.of("target", "browser-test");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
