package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The first page in a real headless Chromium, with every host but the Truce server unreachable: the
 * offline map draws the areas of the chosen date and the incidents, and changing the date changes
 * East Aleppo's controller.
 */
class MapBrowserIT {
    @TempDir
    Path temp;

    private static String path(String env, String fallback) {
        String value = System.getenv(env);
        String chosen = value == null || value.isBlank() ? fallback : value;
        if (!new File(chosen).canExecute()) {
            throw new IllegalStateException(chosen + " is missing: install Debian's chromium and chromium-driver (./truce test does)");
        }
        return chosen;
    }

    private ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(path("TRUCE_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1366,768",
                "--user-data-dir=" + temp.resolve("chromium"),
                // no internet: every name resolves to nothing but the loopback the test server listens on
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(path("TRUCE_CHROMEDRIVER", "/usr/bin/chromedriver"))).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void theMapShowsTheAreasOfTheChosenDateOffline() throws Exception {
        try (TestServer server = TestServer.start(TestStores.options(new TestStores.Kind("h2"), temp), true)) {
            ChromeDriver driver = browser();
            try {
                driver.get(server.uri("/").toString());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.until(d -> "true".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.mapReady")));
                String status = driver.findElement(By.id("status")).getText();
                assertThat(status).matches("2016-09-19: \\d+ areas of control, \\d+ incidents.*");
                assertThat(status).doesNotContain(": 0 areas");
                assertThat(driver.findElements(By.cssSelector("#agreements li"))).hasSizeGreaterThanOrEqualTo(3);
                assertThat(((JavascriptExecutor) driver).executeScript("return typeof L === 'object' && L.version")).isEqualTo("1.9.4");
                screenshot(driver, "map-2016-09-19.png");

                String eastAleppoBefore = controllerOfEastAleppo(driver);
                WebElement date = driver.findElement(By.id("date"));
                ((JavascriptExecutor) driver).executeScript(
                        "document.body.dataset.mapReady='false'; arguments[0].value='2016-12-28'; arguments[0].dispatchEvent(new Event('change'))", date);
                wait.until(d -> "true".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.mapReady")));
                assertThat(driver.findElement(By.id("status")).getText()).startsWith("2016-12-28:");
                String eastAleppoAfter = controllerOfEastAleppo(driver);
                assertThat(eastAleppoBefore).contains("fatah-halab");
                assertThat(eastAleppoAfter).doesNotContain("fatah-halab").contains("syrian-arab-army");
                screenshot(driver, "map-2016-12-28.png");

                List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertThat(severe).as("browser console errors").isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    /** The actors of the areas whose extent covers a point in East Aleppo (al-Sukkari), from the data the page draws. */
    private static String controllerOfEastAleppo(ChromeDriver driver) {
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var at = new Date(document.getElementById('date').value + 'T00:00:00Z').toISOString();
                fetch('/api/v1/areas?at=' + encodeURIComponent(at)).then(r => r.json()).then(fc => {
                  var hits = fc.features.filter(f => L.geoJSON(f).getBounds().contains([36.1805, 37.1560]))
                    .map(f => f.properties.actor).sort();
                  done(hits.join(','));
                });""");
        return String.valueOf(answer);
    }

    private static void screenshot(ChromeDriver driver, String name) throws Exception {
        Path dir = Path.of(System.getProperty("truce.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
