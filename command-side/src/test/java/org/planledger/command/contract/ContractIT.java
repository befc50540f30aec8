package org.planledger.command.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.security.contract.ContractChecks;
import org.planledger.security.contract.HttpFuzz;
import org.planledger.security.contract.OpenApiDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The command side's HTTP contract over real HTTP and PostgreSQL: its OpenAPI document passes a real validator and
 * describes what every route answers, and a seeded fuzz of every route as every caller finds no 5xx, no answer
 * that is not problem+json, no leak, no undocumented status or header and no event recorded by a refused request.
 * {@code -Dfuzz.seed=…} repeats a run; {@code -Dfuzz.requests=…} sets its length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ContractIT {

    static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 1500);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private String plan;

    @BeforeEach
    void planWithAnActivity() throws Exception {
        plan = "fz-" + System.nanoTime();
        String admin = ContractChecks.basic("admin", "demo");
        assertThat(post(admin, "/api/plans", "{\"planId\":\"" + plan + "\",\"title\":\"Kế hoạch thử\",\"year\":2024,"
                + "\"decision\":{\"number\":\"1/QĐ-UBND\",\"date\":\"2023-12-25\"}}")).isEqualTo(201);
        assertThat(post(admin, "/api/plans/" + plan + "/activities", "{\"code\":\"I.1\",\"section\":\"I\",\"title\":\"Hoạt động\","
                + "\"products\":[\"Quyết định\",\"Báo cáo\"],\"timeline\":\"- Quyết định (tháng 01/2024); - Báo cáo (quý IV/2024)\","
                + "\"notes\":\"\"}")).isEqualTo(201);
        assertThat(post(admin, "/api/plans/" + plan + "/activities/I.1/assignment",
                "{\"lead\":\"so-noi-vu\",\"coordinators\":[\"so-tu-phap\"],\"reason\":\"giao\"}")).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentIsValidAndComplete() throws Exception {
        ContractChecks.documentKeepsTheContract(OpenApiDocument.fetch(json, port));
    }

    @Test
    void everyRouteAsEveryCallerKeepsTheContractUnderFuzzing() throws Exception {
        OpenApiDocument document = OpenApiDocument.fetch(json, port);
        String basis = "\"basis\":{\"number\":\"15/UBND\",\"date\":\"2024-01-10\"}";
        String activity = "POST /api/plans/{planId}/activities/{code}";
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("POST /api/plans", "{\"planId\":\"" + plan + "-b\",\"title\":\"Kế hoạch\",\"year\":2024,"
                        + "\"decision\":{\"number\":\"2/QĐ\",\"date\":\"2023-12-25\"}}"),
                Map.entry("POST /api/plans/{planId}/activities", "{\"code\":\"I.2\",\"section\":\"I\",\"title\":\"t\","
                        + "\"products\":[\"Báo cáo\"],\"timeline\":\"Tháng 03/2024\",\"notes\":\"\",\"effectiveOn\":\"2024-01-01\"}"),
                Map.entry(activity + "/assignment", "{\"lead\":\"Sở Nội vụ\",\"jointLeads\":[],\"coordinators\":[\"so-tai-chinh\"],"
                        + "\"reason\":\"r\"," + basis + ",\"effectiveOn\":\"2024-01-10\"}"),
                Map.entry(activity + "/milestones/{milestoneId}/reschedule", "{\"newDue\":\"2024-04-30\",\"reason\":\"r\","
                        + basis + ",\"effectiveOn\":\"2024-01-10\"}"),
                Map.entry(activity + "/milestones/{milestoneId}/trigger", "{\"occurredOn\":\"2024-02-01\","
                        + "\"source\":{\"number\":\"3/QĐ\",\"date\":\"2024-02-01\"},\"note\":\"n\"}"),
                Map.entry(activity + "/milestones/{milestoneId}/completion", "{\"completedOn\":\"2024-02-01\",\"note\":\"n\"}"),
                Map.entry(activity + "/reports", "{\"agency\":\"so-noi-vu\",\"milestoneId\":\"m1\",\"summary\":\"s\","
                        + "\"documentNumber\":\"4/BC\",\"sentOn\":\"2024-02-01\"}"),
                Map.entry(activity + "/cancellation", "{\"reason\":\"r\"," + basis + "}"),
                Map.entry("POST /api/admin/users", "{\"username\":\"fuzz-added\",\"role\":\"INSPECTOR\","
                        + "\"password\":\"a-long-password-2026\"}"),
                Map.entry("POST /api/admin/users/{username}/password", "{\"password\":\"another-password-2026\"}"));
        Map<String, String> samples = Map.of("planId", plan, "code", "I.1", "milestoneId", "m1", "username", "fuzz-target");
        HttpFuzz fuzz = new HttpFuzz(json, port, document, ContractChecks.fuzzCallers(jdbc), samples, bodies,
                () -> jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        ContractChecks.fuzzKeptTheContract(fuzz.run(SEED, REQUESTS), REQUESTS * 9 / 10);
    }

    private int post(String authorization, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
