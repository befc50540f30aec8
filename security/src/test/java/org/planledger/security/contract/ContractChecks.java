package org.planledger.security.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.planledger.security.contract.OpenApiDocument.Operation;

/** What both services' contract tests assert of their OpenAPI document and of a fuzz run. */
public final class ContractChecks {

    /** Every fuzz account's password (hashed at bcrypt cost 4 so that thousands of requests stay fast). */
    public static final String FUZZ_PASSWORD = "fuzz-password-2026";

    private ContractChecks() {
    }

    /**
     * The callers a fuzz run sends as: one account per role (and the target of account changes), nobody, and a wrong
     * password. Accounts are (re)set at bcrypt cost 4.
     */
    public static java.util.Map<String, String> fuzzCallers(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        String hash = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(FUZZ_PASSWORD);
        String[][] accounts = {{"fuzz-admin", "PLAN_ADMIN", null}, {"fuzz-system", "SYSTEM", null},
                {"fuzz-inspector", "INSPECTOR", null}, {"fuzz-officer", "AGENCY_OFFICER", "so-noi-vu"},
                {"fuzz-target", "INSPECTOR", null}};
        java.util.Map<String, String> callers = new java.util.LinkedHashMap<>();
        for (String[] account : accounts) {
            jdbc.update("""
                    insert into app_user (username, password_hash, role, agency_id) values (?, ?, ?, ?)
                    on conflict (username) do update set password_hash = excluded.password_hash, role = excluded.role,
                        agency_id = excluded.agency_id, enabled = true""", account[0], hash, account[1], account[2]);
            if (!account[0].equals("fuzz-target")) {
                callers.put(account[1], basic(account[0], FUZZ_PASSWORD));
            }
        }
        jdbc.update("delete from login_throttle where username like 'fuzz-%'");
        callers.put("NOBODY", null);
        callers.put("WRONG_PASSWORD", basic("fuzz-wrong", "not-the-password"));
        return callers;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Valid for a real validator; info, servers, both security schemes, the Problem schema; exact media types. */
    public static void documentKeepsTheContract(OpenApiDocument document) throws java.io.IOException {
        document.save(java.nio.file.Path.of("target", "openapi.json"));
        assertThat(document.validationMessages()).as("swagger-parser's messages").isEmpty();
        JsonNode root = document.root();
        assertThat(root.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(root.path("info").path("title").asText()).isNotBlank();
        assertThat(root.path("info").path("version").asText()).isNotBlank();
        assertThat(root.path("servers")).isNotEmpty();
        assertThat(root.path("components").path("securitySchemes").path("basic").path("scheme").asText()).isEqualTo("basic");
        assertThat(root.path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(root.path("components").path("schemas").has(OpenApiContract.PROBLEM)).isTrue();
        assertThat(document.allMediaTypes()).doesNotContain("*/*");
        assertThat(document.operations()).isNotEmpty();
        for (Operation operation : document.operations()) {
            assertThat(OpenApiDocument.statuses(operation)).as(operation.key())
                    .anyMatch(s -> s >= 200 && s < 300).contains(400, 401, 403, 404, 406, 503);
            for (int status : OpenApiDocument.statuses(operation)) {
                if (status >= 400) {
                    assertThat(OpenApiDocument.mediaTypes(operation, status)).as(operation.key() + " " + status)
                            .containsExactly(OpenApiContract.PROBLEM_JSON);
                    assertThat(OpenApiDocument.headers(operation, status)).as(operation.key() + " " + status)
                            .contains("x-request-id");
                }
            }
            assertThat(operation.node().path("summary").asText()).as(operation.key() + " summary").isNotBlank();
            assertThat(operation.node().path("operationId").asText()).as(operation.key() + " operationId").isNotBlank();
        }
    }

    /** A fuzz run kept every check; prints what it did (seed, count, statuses) either way. */
    public static void fuzzKeptTheContract(HttpFuzz.Report report, int atLeast) {
        System.out.println(report);
        report.failures().stream().limit(20).forEach(System.out::println);
        assertThat(report.failures()).as(report.toString()).isEmpty();
        assertThat(report.sent()).isGreaterThanOrEqualTo(atLeast);
    }
}
