package org.planledger.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.planledger.query.QuerySideApplication;
import org.planledger.security.InsecureStartupException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The query side's rules over real HTTP against PostgreSQL: every role reads, only plan admins rebuild a read model,
 * nobody writes anything else; the login form for the web pages; the production profile's refusal of demo accounts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed afterwards: its processors would keep claims on the test database that EndToEndIT's service must take
@DirtiesContext
@ActiveProfiles("demo")
class QueryAccessIT {

    static final Path SECURITY_LOG = Path.of("target", "logs", "security-planledger-query.log");

    enum Subject {
        PLAN_ADMIN("admin"), SYSTEM("system"), AGENCY_OFFICER("officer-so-noi-vu"), INSPECTOR("inspector"), ANONYMOUS(null);

        final String user;

        Subject(String user) {
            this.user = user;
        }
    }

    enum Route {
        AGENCIES("GET /api/agencies", "GET", "/api/agencies"),
        PLAN("GET /api/plans/{planId}", "GET", "/api/plans/no-such-plan"),
        WORKLOAD("GET /api/plans/{planId}/workload", "GET", "/api/plans/no-such-plan/workload"),
        RESET("POST /api/admin/projections/plan/reset", "POST", "/api/admin/projections/plan/reset"),
        ANY_OTHER_WRITE("POST /api/plans (not on this side)", "POST", "/api/plans");

        final String label;
        final String method;
        final String path;

        Route(String label, String method, String path) {
            this.label = label;
            this.method = method;
            this.path = path;
        }
    }

    /** 404 for an unknown plan means the caller was let in (and the plan does not exist). */
    static final Map<Subject, int[]> EXPECTED = new EnumMap<>(Map.of(
            Subject.PLAN_ADMIN, new int[] {200, 404, 404, 202, 403},
            Subject.SYSTEM, new int[] {200, 404, 404, 403, 403},
            Subject.AGENCY_OFFICER, new int[] {200, 404, 404, 403, 403},
            Subject.INSPECTOR, new int[] {200, 404, 404, 403, 403},
            Subject.ANONYMOUS, new int[] {401, 401, 401, 401, 401}));

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.planledger.query.support.ProjectionGenerations generations;
    @Value("${spring.datasource.url}")
    String dbUrl;

    @Test
    void everyRoleReadsAndOnlyPlanAdminsRebuildReadModels() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder("\nQuery side: who may call what (HTTP status; ✗ marks a broken rule)\n\n| caller |");
        for (Route route : Route.values()) {
            table.append(' ').append(route.label).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(Route.values().length)).append('\n');
        for (Subject subject : Subject.values()) {
            table.append("| ").append(subject.user == null ? "anonymous" : subject + " (" + subject.user + ")").append(" |");
            for (Route route : Route.values()) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route.path))
                        .method(route.method, HttpRequest.BodyPublishers.noBody());
                if (subject.user != null) {
                    request.header("Authorization", basic(subject.user, "demo"));
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int expected = EXPECTED.get(subject)[route.ordinal()];
                boolean problemIfRefused = response.statusCode() < 401 || response.statusCode() > 403
                        || response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
                boolean ok = response.statusCode() == expected && problemIfRefused;
                table.append(ok ? " " : " ✗ ").append(response.statusCode()).append(" |");
                if (!ok) {
                    failures.add(subject + " × " + route + ": " + response.statusCode() + " (expected " + expected + ") "
                            + response.body());
                }
            }
            table.append('\n');
            // the plan admin's reset rebuilds the current plan, which answers 503 READ_MODEL_REBUILDING until then
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                    .until(() -> !generations.rebuilding("plan"));
        }
        table.append(failures.isEmpty() ? "All cells as expected.\n" : "Broken: " + failures + "\n");
        System.out.println(table);
        Files.writeString(Path.of("target", "access-matrix.md"), table, StandardCharsets.UTF_8);
        assertThat(failures).isEmpty();
        assertThat(Files.readString(SECURITY_LOG)).contains("status=403 user=inspector role=INSPECTOR agency=- method=POST "
                + "route=/api/admin/projections/plan/reset");
    }

    @Test
    void webPagesSignInThroughTheLoginFormWithASessionAndCsrfToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = browser.send(get("/ui/me"), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");

        HttpResponse<String> wrong = browser.send(form(browser, "inspector", "not-the-password"), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        assertThat(Files.readString(SECURITY_LOG)).contains("event=login-failed user=inspector method=POST route=/login")
                .contains("reason=\"bad credentials\"");

        HttpResponse<String> signedIn = browser.send(form(browser, "inspector", "demo"), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> me = browser.send(get("/ui/me"), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("Signed in as <b>inspector</b> (INSPECTOR)");

        // the session signs in pages only: the API stays on HTTP Basic
        HttpResponse<String> api = browser.send(get("/api/agencies"), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);

        // a form post without the CSRF token is refused
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void theProductionProfileRefusesToStartWhileDemoAccountsExist() {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> new SpringApplicationBuilder(QuerySideApplication.class).run("--spring.profiles.active=prod",
                "--spring.datasource.url=" + dbUrl, "--server.port=0").close()).satisfies(e -> failure[0] = e);
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure[0]);
        assertThat(cause).isInstanceOf(InsecureStartupException.class);
        assertThat(cause.getMessage()).contains("still have the demo password").contains("admin, ")
                .contains("the database password is the built-in default");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
    }

    private HttpRequest form(HttpClient browser, String user, String password) throws Exception {
        HttpResponse<String> login = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
