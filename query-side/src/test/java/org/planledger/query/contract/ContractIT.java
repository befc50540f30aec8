package org.planledger.query.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.planledger.security.contract.ContractChecks;
import org.planledger.security.contract.HttpFuzz;
import org.planledger.security.contract.OpenApiDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The query side's HTTP contract over real HTTP and PostgreSQL: its OpenAPI document passes a real validator and
 * describes what every route answers, and a seeded fuzz of every route as every caller finds no 5xx, no answer
 * that is not problem+json, no leak, no undocumented status or header, and no event recorded (this side records
 * none); after it the read models catch up and {@code GET /api/ledger/verify} reports them complete.
 * {@code -Dfuzz.seed=…} repeats a run; {@code -Dfuzz.requests=…} sets its length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed afterwards: its processors would keep claims on the test database that EndToEndIT's service must take
@DirtiesContext
@ActiveProfiles("demo")
class ContractIT {

    static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 1000);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @Test
    void theOpenApiDocumentIsValidAndComplete() throws Exception {
        ContractChecks.documentKeepsTheContract(OpenApiDocument.fetch(json, port));
    }

    @Test
    void everyRouteAsEveryCallerKeepsTheContractUnderFuzzing() throws Exception {
        OpenApiDocument document = OpenApiDocument.fetch(json, port);
        // a plan and an activity the read model holds, if any (else the routes answer 404, which is checked as well)
        List<Map<String, Object>> known = jdbc.queryForList("select plan_id, code from activity_view order by plan_id, code limit 1");
        String plan = known.isEmpty() ? "no-such-plan" : String.valueOf(known.get(0).get("plan_id"));
        String code = known.isEmpty() ? "I.1" : String.valueOf(known.get(0).get("code"));
        Map<String, String> samples = Map.of("planId", plan, "code", code, "agency", "so-noi-vu", "asOf",
                "2024-06-30T00:00:00Z", "validAt", "2024-06-30", "from", "2024-01-01", "to", "2024-12-31T17:00:00Z",
                "limit", "5", "type", "DeadlineRescheduled", "position", "1");
        HttpFuzz fuzz = new HttpFuzz(json, port, document, ContractChecks.fuzzCallers(jdbc), samples, Map.of(),
                () -> jdbc.queryForObject("select count(*) from domain_event_entry", Long.class))
                // a whole report and a rebuild of a read model cost far more than a question: sent less often
                .weigh("GET /api/plans/{planId}/inspection-report", 0.2)
                .weigh("POST /api/admin/projections/{name}/reset", 0.1);
        ContractChecks.fuzzKeptTheContract(fuzz.run(SEED, REQUESTS), REQUESTS * 9 / 10);
        readModelsCompleteAfterTheFuzz();
    }

    /**
     * After the fuzz (its resets of read models included), the read models catch up and verify complete up to the
     * last event stored: in {@code ./planledger test} that is also every event the command side's fuzz recorded.
     */
    private void readModelsCompleteAfterTheFuzz() {
        long last = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        JsonNode verification = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(this::verify, v -> v.at("/readModels/position").asLong() >= last
                        && v.at("/readModels/complete").asBoolean());
        System.out.println("after the fuzz: read models complete up to position " + last + " (verified "
                + verification.path("verified").asBoolean() + ", " + verification.at("/readModels/auditTrail/eventsChecked")
                + " events checked)");
        assertThat(verification.path("verified").asBoolean()).as(verification.toPrettyString()).isTrue();
    }

    private JsonNode verify() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/ledger/verify"))
                .header("Authorization", ContractChecks.basic("inspector", "demo")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }
}
