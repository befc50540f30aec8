package org.planledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.security.ApiClient.Credentials;
import org.planledger.command.security.ApiClient.Response;
import org.planledger.security.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Personal API tokens on the command side, over real HTTP against PostgreSQL (their use on the query side: EndToEndIT). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ApiTokensIT {

    static final String STRONG = "Tokens-passw0rd";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ApiTokens tokens;

    private ApiClient api;
    private final Credentials admin = Credentials.demo("admin");
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @BeforeEach
    void client() {
        api = new ApiClient(json, port);
    }

    @Test
    void aTokenIsShownOnceActsAsItsUserAndStopsWorkingWhenRevoked() throws Exception {
        String name = "planner-" + run;
        addUser(name, "PLAN_ADMIN");
        Response created = api.post(Credentials.basic(name, STRONG), "/api/me/tokens", Map.of("label", "import job", "ttl", "P30D"));
        assertThat(created.status()).isEqualTo(201);
        String token = created.body().get("token").asText();
        assertThat(token).matches("plt_[A-Za-z0-9_-]{43}");
        String id = created.body().get("details").get("id").asText();
        assertThat(created.body().get("details").get("expiresAt").asText()).isNotBlank();

        Response me = api.get(Credentials.bearer(token), "/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("user").asText()).isEqualTo(name);
        assertThat(me.body().get("role").asText()).isEqualTo("PLAN_ADMIN");
        assertThat(me.body().get("via").asText()).isEqualTo("token");
        Response plan = api.post(Credentials.bearer(token), "/api/plans", Map.of("planId", "tok-" + run, "title", "Kế hoạch",
                "year", 2024, "decision", Map.of("number", "1/QĐ-UBND", "date", "2024-01-02")));
        assertThat(plan.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("""
                select convert_from(meta_data, 'UTF8')::jsonb ->> 'actorUser' from domain_event_entry
                where aggregate_identifier = ? and sequence_number = 0""", String.class, "tok-" + run)).isEqualTo(name);

        Response listed = api.get(Credentials.basic(name, STRONG), "/api/me/tokens");
        assertThat(listed.body()).hasSize(1);
        assertThat(listed.body().get(0).get("label").asText()).isEqualTo("import job");
        assertThat(listed.body().get(0).get("lastUsedAt").isNull()).isFalse();
        assertThat(listed.body().toString()).doesNotContain(token).doesNotContain("token\"").doesNotContain("hash");

        Response revoked = api.post(Credentials.bearer(token), "/api/me/tokens/" + id + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().get("revokedAt").asText()).isNotBlank();
        Response refused = api.get(Credentials.bearer(token), "/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(AccountsIT.logged("route=/api/me")).contains("reason=\"invalid bearer token: unknown, revoked or expired API token\"");
        assertThat(AccountsIT.logged("event=account-token-revoked by=" + name)).contains(id);
    }

    @Test
    void theTokenIsStoredOnlyAsItsSha256() throws Exception {
        String name = "hashed-" + run;
        addUser(name, "INSPECTOR");
        String token = tokens.issue(name, "hash check", null).token();
        Map<String, Object> row = jdbc.queryForMap("select * from api_token where username = ?", name);
        assertThat(row.values()).noneMatch(v -> v != null && String.valueOf(v).contains(token.substring(4, 20)));
        assertThat(HexFormat.of().formatHex((byte[]) row.get("token_hash"))).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
        assertThat(jdbc.queryForObject("select count(*) from api_token where encode(token_hash, 'escape') like ?",
                Integer.class, "%" + token.substring(4, 20) + "%")).isZero();
        assertThat(row.get("expires_at")).isNull();
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String name = "expiring-" + run;
        addUser(name, "INSPECTOR");
        ApiTokens.IssuedToken issued = tokens.issue(name, "short", Duration.ofSeconds(3));
        String token = issued.token();
        assertThat(api.get(Credentials.bearer(token), "/api/me").status()).isEqualTo(200);
        Instant expiresAt = issued.details().expiresAt();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().isAfter(expiresAt));
        assertThat(api.get(Credentials.bearer(token), "/api/me").status()).isEqualTo(401);
    }

    @Test
    void aDisabledAccountsTokensStopWorkingAtOnceAndReturnWithTheAccount() throws Exception {
        String name = "disabled-" + run;
        addUser(name, "INSPECTOR");
        String token = tokens.issue(name, "machine", Duration.ofDays(1)).token();
        assertThat(api.get(Credentials.bearer(token), "/api/me").status()).isEqualTo(200);
        assertThat(api.post(admin, "/api/admin/users/" + name + "/disable", Map.of()).status()).isEqualTo(200);
        Response refused = api.get(Credentials.bearer(token), "/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(AccountsIT.logged("route=/api/me")).contains("reason=\"account disabled\"");
        assertThat(api.post(admin, "/api/admin/users/" + name + "/enable", Map.of()).status()).isEqualTo(200);
        assertThat(api.get(Credentials.bearer(token), "/api/me").status()).isEqualTo(200);
    }

    @Test
    void aTokenCannotCreateTokensAndActsWithItsUsersRoleOnly() throws Exception {
        String name = "reader-" + run;
        addUser(name, "INSPECTOR");
        Response created = api.post(Credentials.basic(name, STRONG), "/api/me/tokens", Map.of("label", "reader"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("details").get("expiresAt").isNull()).isTrue();
        String token = created.body().get("token").asText();

        Response minted = api.post(Credentials.bearer(token), "/api/me/tokens", Map.of("label", "forever"));
        assertThat(minted.status()).isEqualTo(403);
        assertThat(minted.body().path("rule").asText()).isEqualTo("password-sign-in");
        assertThat(api.post(Credentials.bearer(token), "/api/plans", Map.of("planId", "no-" + run)).status()).isEqualTo(403);
        assertThat(api.get(Credentials.bearer(token), "/api/admin/users/" + name + "/tokens").status()).isEqualTo(403);
        assertThat(api.get(Credentials.bearer("plt_" + "A".repeat(43)), "/api/me").status()).isEqualTo(401);
        assertThat(tokens.list(name)).hasSize(1);
    }

    @Test
    void planAdminsListIssueAndRevokeAnyonesTokensAndBadInputNamesFieldAndRule() throws Exception {
        String name = "system-" + run;
        addUser(name, "SYSTEM");
        Response issued = api.post(admin, "/api/admin/users/" + name + "/tokens", Map.of("label", "importer", "ttl", "PT1H"));
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.body().get("token").asText();
        String id = issued.body().get("details").get("id").asText();
        assertThat(api.get(Credentials.bearer(token), "/api/me").body().get("role").asText()).isEqualTo("SYSTEM");
        JsonNode listed = api.get(admin, "/api/admin/users/" + name + "/tokens").body();
        assertThat(listed.findValuesAsText("id")).containsExactly(id);

        Response foreign = api.post(admin, "/api/me/tokens/" + id + "/revoke", Map.of());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("UNKNOWN_TOKEN");
        assertThat(api.post(admin, "/api/admin/users/" + name + "/tokens/" + id + "/revoke", Map.of()).status()).isEqualTo(200);
        assertThat(api.get(Credentials.bearer(token), "/api/me").status()).isEqualTo(401);

        assertRefused(Map.of("label", " "), 400, "label");
        assertRefused(Map.of("label", "x".repeat(101)), 400, "label");
        assertRefused(Map.of("label", "x", "ttl", "-PT1H"), 400, "ttl");
        assertThat(api.post(admin, "/api/admin/users/nobody-" + run + "/tokens", Map.of("label", "x")).code())
                .isEqualTo("UNKNOWN_USER");
    }

    private void assertRefused(Map<String, Object> body, int status, String field) throws Exception {
        Response response = api.post(admin, "/api/me/tokens", body);
        assertThat(response.status()).as(body.toString()).isEqualTo(status);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body().path("field").asText()).isEqualTo(field);
    }

    private void addUser(String name, String role) throws Exception {
        assertThat(api.post(admin, "/api/admin/users", Map.of("username", name, "role", role, "password", STRONG)).status())
                .isEqualTo(201);
    }
}
