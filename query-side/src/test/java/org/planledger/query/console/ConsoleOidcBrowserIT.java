package org.planledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.planledger.identityprovider.IdentityProvider;
import org.planledger.query.history.SonLaQuerySide;

/**
 * With OIDC enabled the console signs in through the identity provider, in a real browser against a real provider
 * ({@link IdentityProvider}, Spring Authorization Server): the ID token's role and agency claims give the same rights
 * a local account of that role has, and a user the provider knows but who has no ledger role is not let in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOidcBrowserIT {

    static final String PLAN = "sonla-cchc-2024";

    static IdentityProvider provider;
    static SonLaQuerySide querySide;
    static ConsoleBrowser ui;
    static ChromeDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        provider = IdentityProvider.start();
        querySide = SonLaQuerySide.start(PLAN, "_oidc", "planledger.oidc.enabled=true",
                "planledger.oidc.issuer-uri=" + provider.issuer(),
                "planledger.oidc.client-id=" + IdentityProvider.CLIENT_ID,
                "planledger.oidc.client-secret=" + IdentityProvider.CLIENT_SECRET);
        base = querySide.baseUrl();
        provider.redirectTo(base + "/login/oauth2/code/" + ProviderSignIn.REGISTRATION);
        ui = ConsoleBrowser.start();
        browser = ui.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        ConsoleBrowser.closeAndReport(ui, "console-oidc-axe.md");
        if (querySide != null) {
            querySide.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    @Order(1)
    void anInspectorSignsInThroughTheProviderAndReadsWithoutWriteControls() throws Exception {
        ui.open(base + "/ui/plans/" + PLAN);
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElement(By.id("sign-in-provider")).getText()).isEqualTo("Đăng nhập qua cổng định danh");
        ui.capture("login-provider");

        signInAtTheProvider("thanh.tra");
        assertThat(browser.getCurrentUrl()).startsWith(base + "/ui/plans/" + PLAN); // the page first asked for
        assertThat(browser.findElement(By.cssSelector(".who .me")).getText()).isEqualTo("thanh.tra · Thanh tra");
        assertThat(browser.findElements(By.cssSelector("#plan-table tbody tr[data-code]"))).hasSize(81);

        ui.open(base + "/ui/plans/" + PLAN + "/activities/IV.8");
        assertThat(browser.findElements(By.id("changes"))).as("an inspector sees no write control").isEmpty();
        signOut();
    }

    @Test
    @Order(2)
    void anOfficerSignsInWithTheAgencyOfTheirTokenAndIsOfferedItsForms() throws Exception {
        signInAfresh("nguyen.van.a");
        assertThat(browser.findElement(By.cssSelector(".who .me")).getText()).startsWith("nguyen.van.a · ")
                .endsWith(" · so-noi-vu");
        ui.open(base + "/ui/plans/" + PLAN + "/activities/IV.8");
        assertThat(browser.findElements(By.cssSelector("#changes a"))).as("IV.8 is led by Sở Nội vụ").isNotEmpty();
        signOut();
    }

    @Test
    @Order(3)
    void aUserWithoutALedgerRoleIsNotSignedIn() throws Exception {
        signInAfresh("khach");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/login?error");
        assertThat(browser.findElements(By.cssSelector(".who .me"))).isEmpty();
        ui.open(base + "/ui/plans/" + PLAN);
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    @Test
    @Order(4)
    void noSeriousOrCriticalAccessibilityViolation() {
        assertThat(ui.axeFailures).isEmpty();
        assertThat(ui.axeCounts).containsKeys("login-provider");
    }

    /** On the provider's own page (its host, not the console's): name, password, then back at the console. */
    private static void signInAtTheProvider(String user) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        if (browser.getCurrentUrl().startsWith(base)) {
            browser.findElement(By.id("sign-in-provider")).click();
        }
        wait.until(d -> d.getCurrentUrl().startsWith(provider.issuer() + "/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(IdentityProvider.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(base) && "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState"))
                && !d.findElements(By.tagName("footer")).isEmpty());
    }

    /** Another user signs in from the console's page; the provider's own session (its host's cookies) is dropped. */
    private static void signInAfresh(String user) {
        browser.get(provider.issuer() + "/login");
        browser.manage().deleteAllCookies();
        ui.open(base + "/login");
        signInAtTheProvider(user);
    }

    private static void signOut() {
        browser.findElement(By.cssSelector(".who form button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/login?logout"));
    }
}
