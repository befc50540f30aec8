package org.planledger.query.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, through chromedriver, for the console's browser tests: screenshots of a page at
 * 1366×768 and 390×844 into {@code target/screenshots}, and axe-core's serious and critical violations at both sizes.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SHOTS = Path.of("target", "screenshots");
    static final Path AXE = Path.of("target", "axe", "axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    /** Per page: serious+critical count at desktop / phone size. */
    final Map<String, String> axeCounts = new LinkedHashMap<>();
    final List<String> axeFailures = new ArrayList<>();
    /** Per page: the URL it was captured at. */
    final Map<String, String> pages = new LinkedHashMap<>();

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    static ConsoleBrowser start() throws Exception {
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("planledger-chromium"), "--window-size=1366,768",
                "--lang=vi");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new ConsoleBrowser(driver);
    }

    /**
     * Opens a page and waits until the browser has parsed all of it (the load event fired and the footer, the page's
     * last element, is in the document): a check right after {@code get} must never read a page still arriving.
     */
    void open(String url) {
        driver.get(url);
        arrived();
    }

    /**
     * Clicks a link or a form's button that leads to another page and waits until that page has fully arrived: a
     * check right after the click could otherwise read the page it left (or an element of it gone stale).
     */
    void follow(WebElement target) {
        WebElement leaving = driver.findElement(By.tagName("html"));
        target.click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.stalenessOf(leaving));
        arrived();
    }

    private void arrived() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return document.readyState === 'complete' && document.querySelector('footer') !== null")));
    }

    /** Screenshots at desktop and phone size, and axe-core's serious and critical violations at both. */
    void capture(String name) throws Exception {
        pages.putIfAbsent(name, driver.getCurrentUrl());
        String axe = Files.readString(AXE);
        List<Integer> counts = new ArrayList<>();
        for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(390, 844))) {
            resize(size);
            Files.write(SHOTS.resolve(name + "-" + size.width + "x" + size.height + ".png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            JavascriptExecutor js = driver;
            js.executeScript(axe);
            Object result = js.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(
                        r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))));""");
            JsonNode violations = JSON.readTree((String) result);
            counts.add(violations.size());
            if (!violations.isEmpty()) {
                axeFailures.add(name + " @" + size.width + ": " + violations);
            }
        }
        resize(new Dimension(1366, 768));
        axeCounts.put(name, counts.get(0) + " / " + counts.get(1));
    }

    /** The window's viewport (not the outer window) at the given size. */
    void resize(Dimension viewport) {
        driver.manage().window().setSize(viewport);
        JavascriptExecutor js = driver;
        long w = ((Number) js.executeScript("return window.innerWidth")).longValue();
        long h = ((Number) js.executeScript("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(2 * viewport.width - (int) w, 2 * viewport.height - (int) h));
    }

    /** A GET with the browser's session cookie, outside the browser (downloads, timings). */
    HttpResponse<String> withSession(String url) throws Exception {
        String session = driver.manage().getCookieNamed("JSESSIONID").getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The axe-core table (markdown), also written to {@code target/<file>}. */
    String axeReport(String file) throws Exception {
        StringBuilder report = new StringBuilder("| page | axe serious+critical (desktop / phone) |\n|---|---|\n");
        axeCounts.forEach((page, counts) -> report.append("| ").append(page).append(" | ").append(counts).append(" |\n"));
        axeFailures.forEach(f -> report.append("\n").append(f));
        Files.writeString(Path.of("target", file), report);
        return report.toString();
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** A browser test's end: the browser closed (if it started) and its axe-core table printed and written. */
    static void closeAndReport(ConsoleBrowser ui, String file) throws Exception {
        if (ui != null) {
            ui.close();
            System.out.println(ui.axeReport(file));
        }
    }
}
