package io.aisle.serving.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver (paths given, so Selenium downloads nothing), on one
 * console server: log in with a key, wait for what a page draws, save screenshots. Not thread-safe.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Dimension WINDOW = new Dimension(1400, 1000);

    private final String baseUrl;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private ConsoleBrowser(String baseUrl, ChromeDriverService service, ChromeDriver driver) {
        this.baseUrl = baseUrl;
        this.service = service;
        this.driver = driver;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A browser with a fresh profile under {@code profile}, for the server at {@code baseUrl} ({@code http://host:port}). */
    static ConsoleBrowser start(String baseUrl, Path profile) throws IOException {
        Files.createDirectories(profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the networking switches Chromium keeps calling out to hosts this machine cannot reach.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(WINDOW);
        return new ConsoleBrowser(baseUrl, service, driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a console page ({@code #/store/s1}) with no key in the tab. */
    void open(String hash) {
        driver.get(baseUrl + "/console/");
        script("sessionStorage.clear()");
        driver.get(baseUrl + "/console/" + hash);
        driver.navigate().refresh();
    }

    void login(String keyId, String secret, String hash) {
        open(hash);
        await(ExpectedConditions.visibilityOfElementLocated(By.id("key-id"))).sendKeys(keyId);
        driver.findElement(By.id("secret")).sendKeys(secret);
        driver.findElement(By.id("login-button")).click();
        await(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    /** Saves the window as {@code folder/page.png}, taken at {@code size} and then back to the usual size. */
    void screenshot(Path folder, String page, Dimension size) {
        driver.manage().window().setSize(size);
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(page + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(WINDOW);
        }
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
