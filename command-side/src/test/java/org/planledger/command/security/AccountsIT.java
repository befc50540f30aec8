package org.planledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.security.ApiClient.Credentials;
import org.planledger.command.security.ApiClient.Response;
import org.planledger.security.UserCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Accounts in PostgreSQL: the admin API, ./planledger user, disabled accounts and the throttling of failed logins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AccountsIT {

    static final String STRONG = "Accounts-passw0rd";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Value("${spring.datasource.url}")
    String dbUrl;

    private ApiClient api;
    private final Credentials admin = Credentials.demo("admin");
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @BeforeEach
    void client() {
        api = new ApiClient(json, port);
    }

    @Test
    void theDemoProfileSeedsTheDemoAccountsInPostgresqlWithBcryptHashes() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select username, role, agency_id, password_hash, default_password from app_user
                where username in ('admin', 'inspector', 'system', 'officer-so-noi-vu') order by username""");
        assertThat(rows).extracting(r -> r.get("username") + ":" + r.get("role") + ":" + r.get("agency_id"))
                .containsExactly("admin:PLAN_ADMIN:null", "inspector:INSPECTOR:null", "officer-so-noi-vu:AGENCY_OFFICER:so-noi-vu",
                        "system:SYSTEM:null");
        assertThat(rows).allSatisfy(r -> {
            assertThat((String) r.get("password_hash")).startsWith("$2a$10$");
            assertThat(r.get("default_password")).isEqualTo(true);
        });
        assertThat(jdbc.queryForObject("select count(*) from app_user where username like 'officer-%' and default_password",
                Integer.class)).isEqualTo(53);
    }

    @Test
    void anAccountAddedThroughTheAdminApiSignsInWithItsRoleAndAgencyAndCanBeDisabled() throws Exception {
        String name = "officer-" + run;
        Response added = api.post(admin, "/api/admin/users", Map.of("username", name, "role", "agency_officer",
                "agency", "Sở Y tế", "password", STRONG));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("agencyId").asText()).isEqualTo("so-y-te");
        assertThat(added.body().has("passwordHash")).isFalse();

        Response me = api.get(Credentials.basic(name, STRONG), "/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("role").asText()).isEqualTo("AGENCY_OFFICER");
        assertThat(me.body().get("agency").asText()).isEqualTo("so-y-te");

        Response listed = api.get(admin, "/api/admin/users");
        assertThat(listed.body().findValuesAsText("username")).contains(name, "admin");

        assertThat(api.post(admin, "/api/admin/users/" + name + "/disable", Map.of()).body().get("enabled").asBoolean()).isFalse();
        Response refused = api.get(Credentials.basic(name, STRONG), "/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.isProblem()).isTrue();
        assertThat(logged("user=" + name)).contains("reason=\"account disabled\"");
        assertThat(logged("event=account-disabled")).contains("by=admin user=" + name);

        assertThat(api.post(admin, "/api/admin/users/" + name + "/enable", Map.of()).status()).isEqualTo(200);
        assertThat(api.get(Credentials.basic(name, STRONG), "/api/me").status()).isEqualTo(200);
    }

    @Test
    void theAdminApiNamesTheFieldAndRuleOfABadAccount() throws Exception {
        assertRefused(Map.of("username", "Bad Name", "role", "INSPECTOR", "password", STRONG), 400, "username", "pattern");
        assertRefused(Map.of("username", "u-" + run, "role", "KING", "password", STRONG), 400, "role", "one-of");
        assertRefused(Map.of("username", "u-" + run, "role", "AGENCY_OFFICER", "password", STRONG), 400, "agency",
                "required-for-officers");
        assertRefused(Map.of("username", "u-" + run, "role", "AGENCY_OFFICER", "agency", "cac-so-ban-nganh",
                "password", STRONG), 400, "agency", "not-a-group");
        assertRefused(Map.of("username", "u-" + run, "role", "AGENCY_OFFICER", "agency", "Sở Hư cấu",
                "password", STRONG), 422, "agency", "agency-known");
        assertRefused(Map.of("username", "u-" + run, "role", "INSPECTOR", "agency", "so-y-te", "password", STRONG), 400,
                "agency", "only-officers");
        assertRefused(Map.of("username", "u-" + run, "role", "INSPECTOR", "password", "short"), 400, "password", "min-length");
        assertRefused(Map.of("username", "u-" + run, "role", "INSPECTOR", "password", "planledger"), 400, "password",
                "not-a-default");
        assertRefused(Map.of("username", "u-" + run, "role", "INSPECTOR", "password", "1234567890"), 400, "password",
                "not-a-default");
        assertRefused(Map.of("username", "admin", "role", "INSPECTOR", "password", STRONG), 409, "username", "unique");
        Response unknown = api.post(admin, "/api/admin/users/nobody-" + run + "/disable", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_USER");
    }

    @Test
    void afterFiveFailedLoginsTheNameIsLockedEvenForTheRightPasswordAndTheAnswerIs429() throws Exception {
        String name = "locked-" + run;
        assertThat(api.post(admin, "/api/admin/users", Map.of("username", name, "role", "INSPECTOR", "password", STRONG))
                .status()).isEqualTo(201);
        for (int i = 1; i <= 5; i++) {
            Response wrong = api.get(Credentials.basic(name, "wrong-" + i), "/api/me");
            assertThat(wrong.status()).as("failure " + i).isEqualTo(401);
            assertThat(wrong.challenges()).contains("Basic realm=\"planledger\"");
        }
        Response locked = api.get(Credentials.basic(name, STRONG), "/api/me");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.isProblem()).isTrue();
        assertThat(locked.code()).isEqualTo("TOO_MANY_FAILED_LOGINS");
        assertThat(Long.parseLong(locked.retryAfter())).isBetween(1L, 15 * 60L);
        assertThat(logged("event=login-locked user=" + name)).contains("failures=5");
        assertThat(logged("status=429 user=" + name)).contains("route=/api/me");

        // other names are not affected
        assertThat(api.get(Credentials.demo("inspector"), "/api/me").status()).isEqualTo(200);
    }

    @Test
    void failuresBelowTheLimitAreForgottenAfterASuccessfulLogin() throws Exception {
        String name = "forgiven-" + run;
        api.post(admin, "/api/admin/users", Map.of("username", name, "role", "INSPECTOR", "password", STRONG));
        for (int i = 0; i < 4; i++) {
            assertThat(api.get(Credentials.basic(name, "wrong"), "/api/me").status()).isEqualTo(401);
        }
        assertThat(api.get(Credentials.basic(name, STRONG), "/api/me").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from login_throttle where username = ?", Integer.class, name)).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(api.get(Credentials.basic(name, "wrong"), "/api/me").status()).isEqualTo(401);
        }
        assertThat(api.get(Credentials.basic(name, STRONG), "/api/me").status()).isEqualTo(200);
    }

    @Test
    void unknownNamesAreThrottledLikeKnownOnesSoALockRevealsNothing() throws Exception {
        String ghost = "ghost-" + run;
        for (int i = 0; i < 5; i++) {
            assertThat(api.get(Credentials.basic(ghost, "x"), "/api/me").status()).isEqualTo(401);
        }
        assertThat(api.get(Credentials.basic(ghost, "x"), "/api/me").status()).isEqualTo(429);
    }

    @Test
    void theUserCommandAddsListsDisablesAndChangesPasswordsInTheSameStore() throws Exception {
        String name = "cli-" + run;
        Map<String, String> env = Map.of("PLANLEDGER_DB_URL", dbUrl, "PLANLEDGER_NEW_PASSWORD", STRONG);
        assertThat(cli(env, "user", "add", name, "--role", "AGENCY_OFFICER", "--agency", "so-tu-phap").status()).isZero();
        assertThat(api.get(Credentials.basic(name, STRONG), "/api/me").body().get("agency").asText()).isEqualTo("so-tu-phap");

        Cli listed = cli(env, "list");
        assertThat(listed.out()).contains("USERNAME").containsPattern(name + " +AGENCY_OFFICER +so-tu-phap +yes");

        Cli refused = cli(env, "add", name + "x", "--role", "AGENCY_OFFICER");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("agency: an AGENCY_OFFICER acts for one agency");
        assertThat(cli(env, "add", name).status()).isEqualTo(2);

        Cli passwd = cli(Map.of("PLANLEDGER_DB_URL", dbUrl, "PLANLEDGER_NEW_PASSWORD", STRONG + "-2"), "passwd", name);
        assertThat(passwd.status()).isZero();
        assertThat(api.get(Credentials.basic(name, STRONG + "-2"), "/api/me").status()).isEqualTo(200);

        assertThat(cli(env, "disable", name).status()).isZero();
        assertThat(api.get(Credentials.basic(name, STRONG + "-2"), "/api/me").status()).isEqualTo(401);

        Cli noPassword = cli(Map.of("PLANLEDGER_DB_URL", dbUrl), "add", name + "-np", "--role", "INSPECTOR");
        assertThat(noPassword.status()).isEqualTo(1);
        assertThat(noPassword.err()).contains("PLANLEDGER_NEW_PASSWORD");
    }

    private void assertRefused(Map<String, Object> body, int status, String field, String rule) throws Exception {
        Response response = api.post(admin, "/api/admin/users", body);
        assertThat(response.status()).as(field + " " + rule).isEqualTo(status);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body().path("field").asText()).isEqualTo(field);
        assertThat(response.body().path("rule").asText()).isEqualTo(rule);
    }

    static String logged(String containing) throws Exception {
        return Files.readAllLines(AccessMatrixIT.SECURITY_LOG, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(containing)).reduce("", (a, b) -> a + b + "\n");
    }

    private Cli cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = UserCommand.run(List.of(args), Owner.with(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> null);
        return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Cli(int status, String out, String err) {
    }
}
