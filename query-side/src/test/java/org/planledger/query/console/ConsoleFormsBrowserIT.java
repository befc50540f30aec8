package org.planledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.planledger.query.history.SonLaQuerySide;
import org.planledger.shared.agency.AgencyDirectory;

/**
 * Page 9 in a real browser against both services as users run them: the command side's packaged jar in its own process
 * (it loads the Sơn La plan at start, as {@code ./planledger up} does) and the query side serving the console, one
 * PostgreSQL database of their own. The inspection scenario of {@code demo/sonla-inspection.sh} is done by clicking:
 * the plan keeper reschedules IV.8 on a back-dated basis and reassigns it, then the inspector reads the change in the
 * timeline, as of before, as in force on two dates, in the baseline, on the agency's page and in the audit trail.
 * Every form is used once with a refusal first (shown next to its field, in Vietnamese; once in English); a stale form
 * shows what changed meanwhile; a form sent twice records once; signing in and one form are done with the keyboard alone; signing out revokes the console's token on the command side; an officer
 * sees forms only where their agency takes part, and the command side refuses them anyway outside it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleFormsBrowserIT {

    static final String PLAN = "sonla-cchc-2024";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Process commandSide;
    static String commandUrl;
    static SonLaQuerySide querySide;
    static ConsoleBrowser ui;
    static ChromeDriver browser;
    static String base;
    /** The activity page as recorded just before the scenario's first change (its "as of this change" link). */
    static String beforeChanges;
    static String database;

    @BeforeAll
    static void start() throws Exception {
        database = SonLaQuerySide.ownDatabase("_forms");
        int port = freePort();
        commandUrl = "http://127.0.0.1:" + port;
        Path log = Path.of("target", "console-forms-command-side.log");
        ProcessBuilder command = new ProcessBuilder("java", "-Xmx384m", "-jar", commandSideJar().toString(),
                "--server.port=" + port).redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().put("SPRING_PROFILES_ACTIVE", "demo");
        command.environment().put("PLANLEDGER_LOG_DIR", "target/logs");
        command.environment().put("PLANLEDGER_DB_URL", database);
        commandSide = command.start();
        querySide = SonLaQuerySide.beside(database, "planledger.console.command-url=" + commandUrl);
        base = querySide.baseUrl();
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500))
                .failFast("the command side stopped; see " + log, () -> !commandSide.isAlive()).ignoreExceptions()
                .until(() -> api("/api/plans/" + PLAN).path("activities").size() == 81
                        && api("/api/plans/" + PLAN).path("activities").findValues("lead").stream().noneMatch(JsonNode::isNull));
        ui = ConsoleBrowser.start();
        browser = ui.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        ConsoleBrowser.closeAndReport(ui, "console-forms-axe.md");
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.destroy();
        }
    }

    @Test
    @Order(1)
    void thePlanKeeperReschedulesIV8OnABackDatedBasisAfterARefusalNextToTheField() throws Exception {
        signIn("admin");
        open("/ui/plans/" + PLAN);
        browser.findElement(By.cssSelector("#plan-table tr[data-code='IV.8'] a")).click();
        List<WebElement> entries = browser.findElements(By.cssSelector(".timeline > li"));
        beforeChanges = entries.get(entries.size() - 1).findElement(By.linkText("Xem hoạt động tại thời điểm thay đổi này"))
                .getDomProperty("href");
        assertThat(offered()).containsExactlyInAnyOrder("assign", "reschedule", "trigger", "amend", "cancel");
        capture("forms-activity-admin");

        browser.findElement(By.id("change-reschedule")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Dời hạn").contains("IV.8");
        capture("form-reschedule");
        new Select(browser.findElement(By.id("f-milestoneId"))).selectByValue("m1");
        date("f-newDue", "2024-12-31");
        browser.findElement(By.id("f-basis-number")).sendKeys("1234/UBND-NC");
        date("f-basis-date", "2024-06-01");
        date("f-effectiveOn", "2024-06-01");
        send();
        assertThat(fieldError("reason")).isEqualTo("Bắt buộc nhập.");
        assertThat(browser.findElement(By.id("f-reason")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("#form-errors a[href='#f-reason']")).getText())
                .isEqualTo("Lý do: Bắt buộc nhập.");
        assertThat(browser.findElement(By.id("f-basis-number")).getDomProperty("value")).isEqualTo("1234/UBND-NC");
        capture("form-reschedule-refused");

        browser.findElement(By.id("f-reason")).sendKeys("chờ Kết luận của Ban Thường vụ Tỉnh ủy");
        send();
        assertThat(browser.findElement(By.id("written")).getText()).startsWith("Đã ghi nhận thay đổi").contains("trang đã cập nhật");
        assertThat(milestoneRow("m1")).contains("30/09/2024").contains("31/12/2024").contains("92");
        assertThat(browser.findElement(By.cssSelector(".timeline")).getText()).contains("1234/UBND-NC")
                .contains("chờ Kết luận của Ban Thường vụ Tỉnh ủy");
    }

    @Test
    @Order(2)
    void thePlanKeeperReassignsIV8ToSoNoiVuAfterAnUnchangedAssignmentIsRefused() throws Exception {
        browser.findElement(By.id("change-assign")).click();
        capture("form-assign");
        send();
        assertThat(fieldError("lead")).isEqualTo("Phân công không thay đổi so với hiện tại.");
        new Select(browser.findElement(By.id("f-lead"))).selectByValue("so-noi-vu");
        Select coordinators = new Select(browser.findElement(By.id("f-coordinators")));
        coordinators.deselectAll();
        coordinators.selectByValue("so-y-te");
        coordinators.selectByValue("ubnd-cap-huyen");
        coordinators.selectByValue("co-quan-lien-quan"); // the three of demo/sonla-inspection.sh
        assertThat(browser.findElement(By.id("f-coordinators-chosen")).getText()).startsWith("Đã chọn: ")
                .contains("Sở Y tế").contains(AgencyDirectory.standard().get("ubnd-cap-huyen").name())
                .contains("Các cơ quan, đơn vị có liên quan");
        browser.findElement(By.id("f-reason")).sendKeys("điều chỉnh phân công");
        browser.findElement(By.id("f-basis-number")).sendKeys("1235/UBND-NC");
        date("f-basis-date", "2024-06-01");
        date("f-effectiveOn", "2024-06-01");
        send();
        assertThat(browser.findElement(By.id("written")).getText()).startsWith("Đã ghi nhận thay đổi");
        assertThat(cell("Chủ trì")).isEqualTo("Sở Nội vụ");
        assertThat(cell("Phối hợp")).contains("Sở Y tế");
    }

    @Test
    @Order(3)
    void aStaleFormShowsWhatChangedMeanwhileInsteadOfOverwriting() throws Exception {
        String form = "/ui/plans/" + PLAN + "/activities/I.1/change/reschedule";
        open(form);
        String first = browser.getWindowHandle();
        date("f-newDue", "2025-01-31");
        browser.findElement(By.id("f-reason")).sendKeys("đề nghị của Sở Nội vụ");

        browser.switchTo().newWindow(WindowType.TAB);
        open(form);
        date("f-newDue", "2025-02-28");
        browser.findElement(By.id("f-reason")).sendKeys("ý kiến của Chủ tịch UBND tỉnh");
        send();
        assertThat(milestoneRow("m1")).contains("28/02/2025");
        browser.close();
        browser.switchTo().window(first);

        send();
        WebElement stale = browser.findElement(By.id("stale"));
        assertThat(stale.getText()).contains("Hoạt động đã thay đổi").contains("Dời hạn").contains("admin")
                .contains("2025-02-28");
        assertThat(browser.findElement(By.id("f-newDue")).getDomProperty("value")).isEqualTo("2025-01-31");
        capture("form-stale");
        assertThat(api("/api/plans/" + PLAN + "/activities/I.1").path("milestones").get(0).path("due").asText())
                .isEqualTo("2025-02-28");

        send(); // seen what changed: sent again on the new version, it applies
        assertThat(milestoneRow("m1")).contains("31/01/2025");
    }

    @Test
    @Order(4)
    void aFormSentTwiceRecordsOnce() throws Exception {
        long before = count("I.3", "DeadlineRescheduled");
        open("/ui/plans/" + PLAN + "/activities/I.3/change/reschedule");
        date("f-newDue", "2025-03-31");
        browser.findElement(By.id("f-reason")).sendKeys("gửi hai lần");
        Object statuses = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.getElementById('change');
                const body = () => new URLSearchParams(new FormData(form));
                Promise.all([fetch(form.action, {method: 'POST', body: body()}), fetch(form.action, {method: 'POST', body: body()})])
                  .then(rs => done(rs.map(r => r.status + ' ' + new URL(r.url).pathname + new URL(r.url).search)));""");
        assertThat((List<?>) statuses).hasSize(2).allSatisfy(s -> assertThat(s.toString())
                .startsWith("200 /ui/plans/" + PLAN + "/activities/I.3?written="));
        assertThat(count("I.3", "DeadlineRescheduled")).isEqualTo(before + 1);
    }

    @Test
    @Order(5)
    void recordingATriggerFixesTheDueDateAfterAMissingSourceIsRefused() throws Exception {
        String[] triggered = firstTriggeredMilestone();
        open("/ui/plans/" + PLAN + "/activities/" + triggered[0]);
        browser.findElement(By.id("change-trigger")).click();
        new Select(browser.findElement(By.id("f-milestoneId"))).selectByValue(triggered[1]);
        date("f-occurredOn", "2024-08-15");
        send();
        assertThat(fieldError("source.number")).isEqualTo("Bắt buộc nhập.");
        capture("form-trigger-refused");
        browser.findElement(By.id("f-source-number")).sendKeys("99/BC-BCĐ");
        send();
        assertThat(browser.findElement(By.id("written")).getText()).startsWith("Đã ghi nhận thay đổi");
        assertThat(browser.findElement(By.cssSelector(".timeline")).getText()).contains("99/BC-BCĐ");
    }

    @Test
    @Order(6)
    void signingInAndCancellingWithTheKeyboardAlone() throws Exception {
        signOut();
        open("/login");
        tabTo(By.id("username")).sendKeys("admin");
        browser.switchTo().activeElement().sendKeys(Keys.TAB, "demo", Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
        assertThat(browser.findElement(By.cssSelector(".who .me")).getText()).contains("admin");

        open("/ui/plans/" + PLAN + "/activities/VIII.6");
        tabTo(By.id("change-cancel")).sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/change/cancel"));
        capture("form-cancel");
        tabTo(By.id("send")).sendKeys(Keys.ENTER);
        assertThat(fieldError("reason")).isEqualTo("Bắt buộc nhập.");
        tabTo(By.id("f-reason")).sendKeys("nhiệm vụ đã được thay thế");
        browser.switchTo().activeElement().sendKeys(Keys.TAB, "12/QĐ-UBND");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("f-basis-number");
        tabTo(By.id("send")).sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.id("written")).getText()).startsWith("Đã ghi nhận thay đổi");
        assertThat(browser.findElements(By.cssSelector("h1 .badge.cancelled"))).hasSize(1);
    }

    @Test
    @Order(7)
    void signingOutRevokesTheSessionsTokenOnTheCommandSide() throws Exception {
        // the token the console relays the admin's writes with, as the session store keeps it (never shown to the browser)
        String token = relayToken(browser.manage().getCookieNamed("JSESSIONID").getValue());
        assertThat(token).startsWith("plt_");
        assertThat(onCommandSide(token)).as("before sign-out").isEqualTo(200);
        signOut();
        assertThat(onCommandSide(token)).as("after sign-out").isEqualTo(401);
    }

    @Test
    @Order(8)
    void anOfficerReportsAndCompletesForTheirAgencyWithRefusalsInVietnameseAndEnglish() throws Exception {
        signIn("officer-so-noi-vu");
        open("/ui/plans/" + PLAN);
        browser.findElement(By.cssSelector("#plan-table tr[data-code='IV.8'] a")).click();
        assertThat(offered()).containsExactlyInAnyOrder("report", "complete");
        capture("forms-activity-officer");

        browser.findElement(By.id("change-report")).click();
        assertThat(new Select(browser.findElement(By.id("f-agency"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("Sở Nội vụ");
        capture("form-report");
        new Select(browser.findElement(By.id("f-milestoneId"))).selectByValue("m1");
        browser.findElement(By.id("f-summary")).sendKeys("Đã trình Đề án vị trí việc làm");
        date("f-sentOn", "2099-01-05");
        send();
        assertThat(fieldError("sentOn")).isEqualTo("Không được là ngày trong tương lai.");
        capture("form-report-refused");

        browser.findElement(By.linkText("English")).click();
        send();
        assertThat(fieldError("summary")).isEqualTo("Required.");
        browser.findElement(By.linkText("Tiếng Việt")).click();

        new Select(browser.findElement(By.id("f-milestoneId"))).selectByValue("m1");
        browser.findElement(By.id("f-summary")).sendKeys("Đã trình Đề án vị trí việc làm");
        browser.findElement(By.id("f-documentNumber")).sendKeys("210/BC-SNV");
        date("f-sentOn", "2024-09-10");
        send();
        assertThat(browser.findElement(By.cssSelector("#rep-h + .scroll")).getText()).contains("210/BC-SNV");

        browser.findElement(By.id("change-complete")).click();
        capture("form-complete");
        date("f-completedOn", "2099-01-05");
        send();
        assertThat(fieldError("completedOn")).isEqualTo("Không được là ngày trong tương lai.");
        date("f-completedOn", "2024-12-20");
        send();
        assertThat(milestoneRow("m1")).contains("20/12/2024");
    }

    @Test
    @Order(9)
    void anOfficerIsOfferedNoFormOutsideTheirAgencyAndTheCommandSideRefusesAForcedOne() throws Exception {
        String other = activityWithout("so-noi-vu");
        open("/ui/plans/" + PLAN + "/activities/" + other);
        assertThat(browser.findElements(By.id("changes"))).isEmpty();
        open("/ui/plans/" + PLAN + "/activities/" + other + "/change/report");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Không thực hiện được");

        // an officer may not assign: the console relays a forged submission all the same, the command side refuses it
        open("/ui/plans/" + PLAN + "/activities/IV.8/change/report");
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const body = new URLSearchParams(new FormData(document.getElementById('change')));
                body.set('lead', 'so-y-te');
                fetch(location.pathname.replace('/change/report', '/change/assign'), {method: 'POST', body})
                  .then(r => r.text().then(t => done(r.status + ' ' + t)));""");
        assertThat(answer.toString()).startsWith("403 ").contains("Bạn không có quyền thực hiện thay đổi này.");
        assertThat(api("/api/plans/" + PLAN + "/activities/IV.8").path("lead").path("id").asText()).isEqualTo("so-noi-vu");
    }

    @Test
    @Order(10)
    void theInspectorFollowsTheChangeThroughEveryPageByClicking() throws Exception {
        signOut();
        signIn("inspector");
        open("/ui/plans/" + PLAN);
        ui.follow(browser.findElement(By.cssSelector("#plan-table tr[data-code='IV.8'] a")));
        assertThat(browser.findElements(By.id("changes"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[method=post]")).stream()
                .map(f -> f.getDomAttribute("action")).toList()).containsExactly("/logout");
        String timeline = browser.findElement(By.cssSelector(".timeline")).getText();
        assertThat(timeline).contains("Dời hạn").contains("1234/UBND-NC").contains("Giao nhiệm vụ").contains("1235/UBND-NC")
                .contains("admin").contains("Quản trị kế hoạch").contains("01/06/2024").contains("2024-09-30 → 2024-12-31");
        capture("forms-activity-inspector");

        List<WebElement> entries = browser.findElements(By.cssSelector(".timeline > li"));
        int reschedule = indexOf(entries, "1234/UBND-NC");
        ui.follow(entries.get(reschedule - 1).findElement(By.linkText("Xem hoạt động tại thời điểm thay đổi này")));
        assertThat(browser.getCurrentUrl()).isEqualTo(beforeChanges);
        assertThat(browser.findElement(By.id("time-banner")).getText()).contains("Đang xem");
        assertThat(cell("Chủ trì")).isEqualTo("Sở Y tế");
        assertThat(milestoneRow("m1")).doesNotContain("31/12/2024");
        String before = URI.create(browser.getCurrentUrl()).getQuery().replaceFirst("^asOf=", "");

        for (String[] inForce : List.of(new String[] {"2024-05-31", "Sở Y tế", "30/09/2024"},
                new String[] {"2024-06-01", "Sở Nội vụ", "31/12/2024"})) {
            ui.follow(browser.findElement(By.linkText("Về hiện tại")));
            date("validAt", inForce[0]);
            ui.follow(browser.findElement(By.cssSelector(".timetravel button[type=submit]")));
            assertThat(browser.findElement(By.id("time-banner")).getText()).contains(inForce[0].substring(8) + "/"
                    + inForce[0].substring(5, 7) + "/2024");
            assertThat(cell("Chủ trì")).as(inForce[0]).isEqualTo(inForce[1]);
            assertThat(milestoneRow("m1")).as(inForce[0]).contains(inForce[2]);
        }

        ui.follow(browser.findElement(By.linkText("So sánh mốc")));
        WebElement from = browser.findElement(By.id("from"));
        from.clear();
        from.sendKeys(java.net.URLDecoder.decode(before, StandardCharsets.UTF_8));
        ui.follow(browser.findElement(By.cssSelector("main form button[type=submit]")));
        // from IV.8's last change before the scenario: the plan's later activities were still being loaded then
        assertThat(browser.findElement(By.cssSelector(".totals")).getText()).contains("Dời hạn\n3");
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("IV.8").contains("1234/UBND-NC")
                .contains("1235/UBND-NC").contains("Sở Nội vụ");

        // the workload in force on 30 September (Sở Y tế and Sở Nội vụ), then the agency's own page
        ui.follow(browser.findElement(By.linkText("Cơ quan")));
        date("validAt", "2024-09-30");
        ui.follow(browser.findElement(By.cssSelector(".timetravel button[type=submit]")));
        assertThat(browser.findElement(By.id("time-banner")).getText()).contains("30/09/2024");
        assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("Sở Nội vụ").contains("Sở Y tế");
        ui.follow(browser.findElement(By.linkText("Về hiện tại")));
        ui.follow(browser.findElement(By.linkText("Sở Nội vụ")));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("IV.8");

        ui.follow(browser.findElement(By.linkText("Nhật ký")));
        new Select(browser.findElement(By.id("type"))).selectByValue("DeadlineRescheduled");
        ui.follow(browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(browser.findElement(By.cssSelector("table.audit")).getText()).contains("IV.8").contains("1234/UBND-NC");
    }

    @Test
    @Order(11)
    void thePlanKeeperReturnsAReportWithAReasonAndTheAgencyAnswersIt() throws Exception {
        signOut();
        signIn("admin");
        open("/ui/plans/" + PLAN + "/activities/IV.8");
        assertThat(offered()).contains("review");
        browser.findElement(By.id("change-review")).click();
        capture("form-review");
        String report = new Select(browser.findElement(By.id("f-reportId"))).getFirstSelectedOption().getDomAttribute("value");
        new Select(browser.findElement(By.id("f-outcome"))).selectByValue("RETURNED");
        send();
        assertThat(fieldError("reason")).isEqualTo("Ghi lý do khi trả lại báo cáo.");
        capture("form-review-refused");
        browser.findElement(By.id("f-reason")).sendKeys("thiếu danh mục sản phẩm");
        send();
        assertThat(browser.findElement(By.id("report-" + report)).getText()).contains("Trả lại").contains("thiếu danh mục sản phẩm");
        assertThat(offered()).doesNotContain("review");

        signOut();
        signIn("officer-so-noi-vu");
        open("/ui/plans/" + PLAN + "/activities/IV.8/change/report");
        new Select(browser.findElement(By.id("f-answers"))).selectByValue(report);
        new Select(browser.findElement(By.id("f-milestoneId"))).selectByValue("m1");
        browser.findElement(By.id("f-summary")).sendKeys("Bổ sung danh mục sản phẩm");
        date("f-sentOn", "2024-09-12");
        send();
        assertThat(browser.findElement(By.cssSelector("#rep-h + .scroll")).getText()).contains("trả lời " + report)
                .contains("Chờ thẩm định");
    }

    @Test
    @Order(12)
    void thePlanKeeperAmendsATimelineAfterAnUnchangedAmendmentIsRefused() throws Exception {
        signOut();
        signIn("admin");
        open("/ui/plans/" + PLAN + "/activities/I.12");
        browser.findElement(By.id("change-amend")).click();
        assertThat(browser.findElement(By.id("f-products")).getDomProperty("value"))
                .isEqualTo("Kế hoạch của Chủ tịch UBND tỉnh\nCông văn hướng dẫn điều tra");
        capture("form-amend");
        browser.findElement(By.id("f-reason")).sendKeys("điều chỉnh thời gian");
        send();
        assertThat(fieldError("title")).isEqualTo("Nội dung điều chỉnh không khác nội dung hiện tại.");
        capture("form-amend-refused");
        WebElement timeline = browser.findElement(By.id("f-timeline"));
        timeline.clear();
        timeline.sendKeys("- Kế hoạch của Chủ tịch UBND tỉnh (tháng 9/2024) - Công văn hướng dẫn điều tra (Quý IV/2024)");
        send();
        assertThat(browser.findElement(By.id("written")).getText()).startsWith("Đã ghi nhận thay đổi");
        assertThat(cell("Thời gian")).contains("tháng 9/2024");
        assertThat(browser.findElement(By.cssSelector("#ms-h + .scroll")).getText()).contains("30/09/2024")
                .doesNotContain("31/08/2024");
    }

    @Test
    @Order(13)
    void thePlanKeeperUrgesSoYTeFromTheProposalAndTheAgencyPageShowsTheNotice() throws Exception {
        open("/ui/plans/" + PLAN + "/agencies/so-y-te");
        ui.follow(browser.findElement(By.id("urge")));
        List<WebElement> proposed = browser.findElements(By.cssSelector("#f-milestones input[type=checkbox]"));
        assertThat(proposed).isNotEmpty();
        String first = proposed.get(0).getDomAttribute("value");
        capture("form-notice");
        send();
        assertThat(fieldError("documentNumber")).isEqualTo("Bắt buộc nhập.");
        capture("form-notice-refused");
        browser.findElement(By.id("f-documentNumber")).sendKeys("125/SNV-CCHC");
        send();
        assertThat(browser.findElement(By.id("urged")).getText()).contains("125/SNV-CCHC");
        assertThat(browser.findElement(By.id("notices")).getText()).contains("125/SNV-CCHC")
                .contains(first.replace('/', ' '));

        // the same number a second time is refused next to the field, nothing recorded twice
        ui.follow(browser.findElement(By.id("urge")));
        browser.findElement(By.id("f-documentNumber")).sendKeys("125/SNV-CCHC");
        send();
        assertThat(fieldError("documentNumber")).isEqualTo("Công văn số này đã được ghi nhận.");
        assertThat(api("/api/plans/" + PLAN + "/agencies/so-y-te/notices").size()).isEqualTo(1);
    }

    @Test
    @Order(14)
    void thePlanKeeperRecordsADecisionFromItsTableAfterABadRowIsRefusedAndTheDecisionsPageLinksToWhatItChanged()
            throws Exception {
        String header = "STT,Danh mục các hoạt động,Kết quả/Sản phẩm,Chủ trì,Phối hợp,Thời gian,Ghi chú,Điều chỉnh\n"
                + "I,CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC,,,,,,\n";
        Path bad = Files.writeString(Path.of("target", "dieu-chinh-sai.csv").toAbsolutePath(),
                header + "17,,,,,,đã lồng ghép vào I.18,xoá bỏ\n");
        Path good = Files.writeString(Path.of("target", "dieu-chinh.csv").toAbsolutePath(),
                header + "17,,,,,,đã lồng ghép vào I.18,bãi bỏ\n"
                        + "18,Tổ chức Hội nghị sơ kết,Hội nghị,Sở Nội vụ,,Tháng 7/2024,,bổ sung\n");
        open("/ui/plans/" + PLAN + "/decisions");
        ui.follow(browser.findElement(By.id("new-decision")));
        browser.findElement(By.id("f-decisionNumber")).sendKeys("1500/QĐ-UBND");
        date("f-decisionDate", "2024-06-10");
        date("f-effectiveOn", "2024-06-15");
        browser.findElement(By.id("f-summary")).sendKeys("Điều chỉnh, bổ sung Kế hoạch cải cách hành chính năm 2024");
        capture("form-decision");
        browser.findElement(By.id("f-file")).sendKeys(bad.toString());
        send();
        assertThat(browser.findElement(By.id("row-errors")).getText()).contains("I.17").contains("Điều chỉnh")
                .contains("Cột \"Điều chỉnh\" chỉ nhận: bổ sung, điều chỉnh hoặc bãi bỏ.");
        assertThat(browser.findElement(By.id("f-decisionNumber")).getDomProperty("value")).isEqualTo("1500/QĐ-UBND");
        assertThat(api("/api/plans/" + PLAN + "/decisions").size()).as("nothing recorded").isZero();
        capture("form-decision-refused");
        browser.findElement(By.id("f-file")).sendKeys(good.toString());
        send();
        assertThat(browser.findElement(By.id("recorded")).getText()).contains("1500/QĐ-UBND");
        open("/ui/plans/" + PLAN);
        ui.follow(browser.findElement(By.linkText("Quyết định")));
        String decision = browser.findElement(By.id("decision-1")).getText();
        assertThat(decision).contains("Quyết định số 1500/QĐ-UBND ngày 10/06/2024").contains("Bổ sung hoạt động")
                .contains("I.18").contains("Bãi bỏ hoạt động").contains("I.17").contains("15/06/2024");
        capture("decisions");
        ui.follow(browser.findElement(By.id("decision-baseline-1")));
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("I.18").contains("I.17");
        capture("decision-baseline");
        ui.follow(browser.findElement(By.linkText("Quyết định")));
        ui.follow(browser.findElement(By.id("decision-plan-1")));
        List<String> codes = browser.findElements(By.cssSelector("#plan-table tr[data-code]")).stream()
                .map(r -> r.getDomAttribute("data-code")).toList();
        assertThat(codes.indexOf("I.18")).as("printed order").isEqualTo(codes.indexOf("I.17") + 1);
    }

    @Test
    @Order(15)
    void noSeriousOrCriticalAccessibilityViolationOnAnyForm() {
        assertThat(ui.axeFailures).isEmpty();
        assertThat(ui.axeCounts).containsKeys("form-reschedule", "form-assign", "form-trigger-refused", "form-cancel",
                "form-report", "form-complete", "form-stale", "form-reschedule-refused", "form-report-refused",
                "form-review", "form-review-refused", "form-amend", "form-amend-refused", "form-notice",
                "form-notice-refused", "form-decision", "form-decision-refused", "decisions", "decision-baseline");
    }

    // --- helpers

    private static void open(String path) {
        ui.open(base + path);
    }

    private static void capture(String name) throws Exception {
        ui.capture(name);
    }

    private static void signIn(String user) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
        assertThat(browser.findElement(By.cssSelector(".who .me")).getText()).contains(user);
    }

    private static void signOut() {
        browser.findElement(By.cssSelector(".who form button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/login?logout"));
    }

    /** Sends the form and waits for the answer's page (a refusal's form or the activity) to replace this one. */
    private static void send() {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.id("send")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** The forms the activity page offers. */
    private static List<String> offered() {
        return browser.findElements(By.cssSelector("#changes a")).stream()
                .map(a -> a.getDomAttribute("id").substring("change-".length())).toList();
    }

    /** A date input's value as a date picker leaves it (typing into one depends on the browser's locale). */
    private static void date(String id, String isoDate) {
        ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                        + " e.dispatchEvent(new Event('input', {bubbles: true}));", id, isoDate);
    }

    private static String fieldError(String field) {
        return browser.findElement(By.id("f-" + field.replace('.', '-') + "-err")).getText();
    }

    /** Presses Tab until the element has the focus (at most 80 times). */
    private static WebElement tabTo(By target) {
        WebElement wanted = browser.findElement(target);
        for (int i = 0; i < 80; i++) {
            WebElement active = browser.switchTo().activeElement();
            if (active.equals(wanted)) {
                return active;
            }
            active.sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target);
    }

    private static String cell(String label) {
        return browser.findElement(By.xpath("//dl[@class='cells']/dt[.='" + label + "']/following-sibling::dd[1]")).getText();
    }

    private static String milestoneRow(String id) {
        return browser.findElements(By.cssSelector("#ms-h + .scroll tbody tr")).stream()
                .filter(r -> r.getText().startsWith(id)).findFirst().orElseThrow().getText();
    }

    private static int indexOf(List<WebElement> entries, String text) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getText().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no timeline entry with " + text);
    }

    private static JsonNode api(String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("inspector:demo".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    private static long count(String code, String type) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        api("/api/plans/" + PLAN + "/activities/" + code + "/history?limit=1000").path("entries")
                .forEach(e -> found.add(e));
        return found.stream().filter(e -> type.equals(e.path("type").asText())).count();
    }

    /** The console's relay token in the session store (Spring Session JDBC) of the session behind this cookie. */
    private static String relayToken(String cookie) throws Exception {
        String sessionId = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(database,
                System.getenv().getOrDefault("PLANLEDGER_DB_USER", "planledger"),
                System.getenv().getOrDefault("PLANLEDGER_DB_PASSWORD", "planledger"));
                java.sql.PreparedStatement query = db.prepareStatement("select a.attribute_bytes from spring_session s"
                        + " join spring_session_attributes a on a.session_primary_id = s.primary_id"
                        + " where s.session_id = ? and a.attribute_name = ?")) {
            query.setString(1, sessionId);
            query.setString(2, CommandSide.TOKEN);
            try (java.sql.ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a relay token in session " + sessionId).isTrue();
                try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(row.getBinaryStream(1))) {
                    return ((CommandSide.SessionToken) in.readObject()).secret();
                }
            }
        }
    }

    /** The status the command side answers a request with this bearer token. */
    private static int onCommandSide(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(commandUrl + "/api/me")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The first activity with a milestone waiting for a trigger, and that milestone. */
    private static String[] firstTriggeredMilestone() throws Exception {
        for (JsonNode activity : api("/api/plans/" + PLAN).path("activities")) {
            for (JsonNode milestone : activity.path("milestones")) {
                if ("triggered".equals(milestone.path("rule").path("kind").asText())) {
                    return new String[] {activity.path("code").asText(), milestone.path("id").asText()};
                }
            }
        }
        throw new AssertionError("the Sơn La plan has no triggered milestone");
    }

    /** An activity the agency takes no part in, directly or through a group. */
    private static String activityWithout(String agency) throws Exception {
        Set<String> acting = new java.util.HashSet<>(AgencyDirectory.standard().groupIdsContaining(agency));
        acting.add(agency);
        for (JsonNode activity : api("/api/plans/" + PLAN).path("activities")) {
            List<String> ids = new ArrayList<>(activity.findValuesAsText("id"));
            if (ids.stream().noneMatch(acting::contains) && !"cancelled".equalsIgnoreCase(activity.path("status").asText())) {
                return activity.path("code").asText();
            }
        }
        throw new AssertionError("every activity involves " + agency);
    }

    private static Path commandSideJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "command-side", "target"))) {
            return files.filter(p -> p.getFileName().toString().matches("command-side-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no command-side jar: build with -pl command-side,query-side"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
