package org.planledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.planledger.query.history.SonLaQuerySide;

/**
 * The console in a real browser (Debian's chromium, headless, through chromedriver) against the query side on
 * PostgreSQL with the Sơn La plan and the inspection scenario: sign-in, every page, time travel, search with and
 * without diacritics, the language switch. Every page is screenshot at 1366×768 and 390×844 into
 * {@code target/screenshots} and checked with axe-core (from npm at build time): no serious or critical violation.
 * Server time per page, with the session cookie, goes to {@code target/console-timings.md} (a figure, not a test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final ObjectMapper JSON = new ObjectMapper();

    static SonLaQuerySide querySide;
    static ConsoleBrowser ui;
    static ChromeDriver browser;
    static String base;
    static String plan;

    @BeforeAll
    static void start() throws Exception {
        plan = "console-" + System.nanoTime();
        querySide = SonLaQuerySide.start(plan);
        base = querySide.baseUrl();
        ui = ConsoleBrowser.start();
        browser = ui.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        if (ui != null) {
            ui.close();
            System.out.println(ui.axeReport("console-axe.md"));
        }
        if (querySide != null) {
            querySide.close();
        }
    }

    @Test
    @Order(1)
    void signInPageIsVietnameseAndTheBrowserIsNeverChallengedForBasic() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : List.of("/default-ui.css", "/", "/ui/plans/" + plan, "/favicon.ico")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
            assertThat(answer.statusCode()).as(path).isNotEqualTo(401);
        }
        browser.get(base + "/ui/plans/" + plan);
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Sổ cái Kế hoạch");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("vi");
        capture("login");

        through(browser.findElement(By.linkText("English")));
        assertThat(browser.findElement(By.id("sign-in")).getText()).isEqualTo("Sign in");
        through(browser.findElement(By.linkText("Tiếng Việt")));
        assertThat(browser.findElement(By.id("sign-in")).getText()).isEqualTo("Đăng nhập");

        browser.findElement(By.id("username")).sendKeys("inspector");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in")).click();
        // a click returns before the form's answer has loaded: wait for the page it leads to
        assertThat(new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]"))).getText())
                .contains("không đúng");

        browser.findElement(By.id("username")).sendKeys("inspector");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
        assertThat(browser.getCurrentUrl()).contains("/ui/plans/" + plan); // the page first asked for
        assertThat(browser.findElement(By.cssSelector(".who .me")).getText()).contains("inspector").contains("Thanh tra");
    }

    @Test
    @Order(2)
    void planPageListsEightySectionsInPrintedOrderWithFilters() throws Exception {
        open("/ui/plans/" + plan);
        assertThat(rows()).hasSize(81);
        assertThat(browser.findElements(By.cssSelector("#plan-table h2"))).hasSize(8);
        assertThat(browser.findElement(By.cssSelector("#plan-table h2")).getText()).startsWith("I. ");
        assertThat(lead("IV.8")).isEqualTo("Sở Nội vụ");
        assertThat(row("IV.8").getText()).contains("31/12/2024");
        assertThat(row("I.3").findElement(By.cssSelector("td:last-child")).getText()).isEqualTo("1");
        assertThat(row("I.4").findElement(By.cssSelector("td:last-child")).getText()).isEqualTo("0");
        noWriteControls();
        capture("plan");

        open("/ui/plans/" + plan + "?section=IV&agency=so-y-te");
        assertThat(codes()).isNotEmpty().allMatch(c -> c.startsWith("IV."));
        open("/ui/plans/" + plan + "?status=overdue");
        assertThat(codes()).isNotEmpty().doesNotContain("IV.8");
        assertThat(browser.findElements(By.cssSelector("#plan-table .badge:not(.overdue)"))).isEmpty();
    }

    @Test
    @Order(3)
    void searchFindsVietnameseWithOrWithoutDiacriticsAndByCode() throws Exception {
        open("/ui/plans/" + plan);
        WebElement q = browser.findElement(By.id("q"));
        q.sendKeys("kiem soat thu tuc");
        // htmx replaces the table as one types and puts the search in the address
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("thu")
                && codes().size() < 81);
        List<String> plain = codes();
        assertThat(plain).contains("III.1", "III.2");
        assertThat(rowsText()).contains("Kiểm soát thủ tục hành chính");
        capture("plan-search");

        open("/ui/plans/" + plan + "?q=" + enc("kiểm soát thủ tục"));
        assertThat(found()).isEqualTo(plain);
        open("/ui/plans/" + plan + "?q=" + enc("cai cach hanh chinh"));
        List<String> reform = found();
        assertThat(reform).contains("I.5", "I.6");
        open("/ui/plans/" + plan + "?q=" + enc("CẢI CÁCH HÀNH CHÍNH"));
        assertThat(found()).isEqualTo(reform);
        open("/ui/plans/" + plan + "?q=" + enc("so noi vu"));
        assertThat(found()).contains("IV.8", "I.1");
        open("/ui/plans/" + plan + "?q=IV.8");
        assertThat(found()).containsExactly("IV.8");
    }

    @Test
    @Order(4)
    void timeTravelShowsThePlanAsRecordedAndAsInForceWithABanner() throws Exception {
        open("/ui/plans/" + plan + "?asOf=2024-06-19");
        assertThat(browser.findElement(By.id("time-banner")).getText()).contains("19/06/2024");
        assertThat(lead("IV.8")).isEqualTo("Sở Y tế");
        assertThat(row("IV.8").getText()).contains("30/09/2024").doesNotContain("31/12/2024");
        capture("plan-asof");

        // in force on 10 June, as recorded now: the back-dated reschedule counts; as recorded on 19 June it did not yet
        open("/ui/plans/" + plan + "/activities/IV.8?validAt=2024-06-10");
        assertThat(milestoneRow("m1")).contains("31/12/2024");
        open("/ui/plans/" + plan + "/activities/IV.8?validAt=2024-06-10&asOf=2024-06-19");
        assertThat(milestoneRow("m1")).doesNotContain("31/12/2024");

        open("/ui/plans/" + plan);
        through(browser.findElement(By.linkText("Ngày ban hành kế hoạch")));
        assertThat(browser.getCurrentUrl()).contains("validAt=2024-01-01");
        assertThat(browser.findElement(By.id("time-banner")).getText()).contains("01/01/2024");
        assertThat(rows()).hasSize(81);
        assertThat(lead("IV.8")).isEqualTo("Sở Y tế");
        through(browser.findElement(By.linkText("Về hiện tại")));
        assertThat(browser.findElements(By.id("time-banner"))).isEmpty();
    }

    @Test
    @Order(5)
    void activityPageShowsPrintedCellsMilestonesAndEveryChangeComparable() throws Exception {
        open("/ui/plans/" + plan + "/activities/IV.8");
        assertThat(cell("Thời gian")).isEqualTo("Quý III/2024");
        assertThat(cell("Chủ trì")).isEqualTo("Sở Nội vụ");
        assertThat(milestoneRow("m1")).contains("30/09/2024").contains("31/12/2024").contains("92");
        List<WebElement> entries = browser.findElements(By.cssSelector(".timeline > li"));
        String timeline = browser.findElement(By.cssSelector(".timeline")).getText();
        assertThat(timeline).contains("Dời hạn").contains("1234/UBND-NC").contains("chờ Kết luận của Ban Thường vụ Tỉnh ủy")
                .contains("admin").contains("Quản trị kế hoạch").contains("01/06/2024").contains("2024-09-30").contains("2024-12-31")
                .contains("Giao nhiệm vụ").contains("1235/UBND-NC");
        capture("activity");

        int n = entries.size();
        WebElement reschedule = entries.get(n - 2);
        through(reschedule.findElement(By.linkText("Xem hoạt động tại thời điểm thay đổi này")));
        assertThat(browser.findElement(By.id("time-banner")).getText()).contains("20/06/2024");
        assertThat(cell("Chủ trì")).isEqualTo("Sở Y tế");

        open("/ui/plans/" + plan + "/activities/IV.8");
        entries = browser.findElements(By.cssSelector(".timeline > li"));
        entries.get(n - 3).findElement(By.cssSelector("input[type=checkbox]")).click();
        entries.get(n - 1).findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.findElement(By.cssSelector(".timeline + button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("compare="));
        String compared = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("compare"))).getText();
        assertThat(compared).contains("Sở Y tế").contains("Sở Nội vụ").contains("2024-12-31");
        assertThat(browser.findElements(By.cssSelector("#compare tr.changed"))).hasSizeGreaterThanOrEqualTo(3);
        capture("activity-compare");
    }

    @Test
    @Order(6)
    void baselineListsWhatChangedBetweenTwoPoints() throws Exception {
        open("/ui/plans/" + plan + "/baseline?from=2024-06-01");
        String totals = browser.findElement(By.cssSelector(".totals")).getText();
        assertThat(totals).contains("Giao lại\n1").contains("Dời hạn\n2").contains("Báo cáo\n1");
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("IV.8").contains("1234/UBND-NC")
                .contains("I.3").contains("không có căn cứ");
        capture("baseline");
        through(browser.findElement(By.linkText("IV.8")));
        assertThat(browser.getCurrentUrl()).contains("/activities/IV.8");
    }

    @Test
    @Order(7)
    void agenciesAndAnAgencyPageWithCharts() throws Exception {
        open("/ui/plans/" + plan + "/agencies");
        assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("Sở Nội vụ").contains("Sở Y tế");
        capture("agencies");
        through(browser.findElement(By.linkText("Sở Nội vụ")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sở Nội vụ");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".chart svg"), 2));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("IV.8");
        capture("agency");
    }

    @Test
    @Order(8)
    void auditSearchPagesExportsCsvAndShowsChangesWithoutBasis() throws Exception {
        open("/ui/plans/" + plan + "/audit?type=DeadlineRescheduled");
        assertThat(browser.findElements(By.cssSelector("table.audit tbody tr"))).hasSize(2);
        capture("audit");
        String csvHref = browser.findElement(By.linkText("Xuất CSV")).getDomProperty("href");
        HttpResponse<String> csv = withSession(csvHref);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFFposition,").contains("IV.8").contains("1234/UBND-NC").contains("I.3");
        assertThat(csv.body().lines().count()).isEqualTo(3);

        open("/ui/plans/" + plan + "/audit/without-basis");
        List<WebElement> rows = browser.findElements(By.cssSelector("table.audit tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("I.3");
        capture("audit-without-basis");

        open("/ui/plans/" + plan + "/audit?from=not-a-date");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("from");
    }

    @Test
    @Order(9)
    void reportsPageDownloadsAReportStampedWithTheDigestItShows() throws Exception {
        open("/ui/plans/" + plan + "/reports");
        String digest = browser.findElement(By.id("stamp-digest")).getText();
        String position = browser.findElement(By.id("stamp-position")).getText();
        capture("reports");
        HttpResponse<String> report = withSession(base + "/ui/plans/" + plan
                + "/reports/download?agency=so-noi-vu&asOf=2024-09-15T10:00&format=json&lang=vi");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("X-Ledger-Digest")).contains(digest);
        assertThat(report.headers().firstValue("X-Ledger-Position")).contains(position);
        JsonNode json = JSON.readTree(report.body());
        assertThat(json.path("header").path("agencyId").asText()).isEqualTo("so-noi-vu");
    }

    @Test
    @Order(10)
    void ledgerPageVerifiesAndChecksANotedDigest() throws Exception {
        open("/ui/ledger?planId=" + plan);
        String position = browser.findElement(By.id("digest-position")).getText();
        String digest = browser.findElement(By.id("digest-value")).getText();
        through(browser.findElement(By.id("verify-now")));
        assertThat(browser.findElement(By.id("verification")).getText()).contains("Sổ cái toàn vẹn");
        capture("ledger");
        browser.findElement(By.id("position")).sendKeys(position);
        browser.findElement(By.id("digest")).sendKeys(digest);
        through(browser.findElement(By.id("check-digest")));
        assertThat(browser.findElement(By.id("verification")).getText()).contains("được xác nhận");
        open("/ui/ledger?position=" + position + "&digest=" + "0".repeat(64));
        assertThat(browser.findElement(By.id("verification")).getText()).contains("KHÔNG khớp");
    }

    @Test
    @Order(11)
    void englishLabelsFromTheEnglishBundle() throws Exception {
        open("/ui/plans/" + plan + "?lang=en");
        assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("Plan").contains("Audit trail");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        capture("plan-en");
        open("/ui/plans/" + plan + "?lang=vi");
    }

    @Test
    @Order(12)
    void noSeriousOrCriticalAccessibilityViolationOnAnyPage() {
        assertThat(ui.axeFailures).isEmpty();
        assertThat(ui.axeCounts).hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    @Order(13)
    void serverTimePerPageWithTheSessionCookie() throws Exception {
        StringBuilder table = new StringBuilder("| page | p50 ms | p95 ms | max ms |\n|---|---|---|---|\n");
        for (Map.Entry<String, String> page : ui.pages.entrySet()) {
            long[] ms = new long[30];
            for (int i = 0; i < ms.length; i++) {
                long t = System.nanoTime();
                HttpResponse<String> answer = withSession(page.getValue());
                ms[i] = (System.nanoTime() - t) / 1_000_000;
                assertThat(answer.statusCode()).as(page.getKey()).isEqualTo(200);
            }
            Arrays.sort(ms);
            table.append("| ").append(page.getKey()).append(" | ").append(ms[14]).append(" | ").append(ms[28])
                    .append(" | ").append(ms[29]).append(" |\n");
        }
        Files.writeString(Path.of("target", "console-timings.md"), table);
        System.out.println(table);
    }

    // --- helpers

    /** Clicks a link or a submit button and waits until the page it leads to has replaced this one:
     *  a click returns before the next page has loaded, and reading at once can read the old page. */
    private static void through(WebElement control) {
        WebElement page = browser.findElement(By.tagName("html"));
        control.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static void open(String path) {
        ui.open(base + path);
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#plan-table tbody tr"));
    }

    /** The codes listed once the table shows at least one row. */
    private static List<String> found() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !rows().isEmpty());
        return codes();
    }

    private static List<String> codes() {
        return rows().stream().map(r -> r.getDomAttribute("data-code")).toList();
    }

    private static String rowsText() {
        return browser.findElement(By.id("plan-table")).getText();
    }

    private static WebElement row(String code) {
        return browser.findElement(By.cssSelector("#plan-table tr[data-code='" + code + "']"));
    }

    private static String lead(String code) {
        return row(code).findElement(By.cssSelector("td:nth-child(3)")).getText();
    }

    /** A printed cell of the activity page, by its label. */
    private static String cell(String label) {
        return browser.findElement(By.xpath("//dl[@class='cells']/dt[.='" + label + "']/following-sibling::dd[1]")).getText();
    }

    private static String milestoneRow(String id) {
        return browser.findElements(By.cssSelector("#ms-h + .scroll tbody tr")).stream()
                .filter(r -> r.getText().startsWith(id)).findFirst().orElseThrow().getText();
    }

    /** An inspector sees no form that writes, only the sign-out. */
    private static void noWriteControls() {
        assertThat(browser.findElements(By.cssSelector("form[method=post]")).stream()
                .map(f -> f.getDomAttribute("action")).toList()).containsExactly("/logout");
    }

    private static void capture(String name) throws Exception {
        ui.capture(name);
    }

    private static HttpResponse<String> withSession(String url) throws Exception {
        return ui.withSession(url);
    }
}
