package org.planledger.command.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * An amendment decision over real HTTP against the real PostgreSQL event store: all its changes are recorded in one
 * transaction and every event names the decision; a decision one of whose changes breaks a rule records nothing at
 * all and names the change and field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AmendmentDecisionIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private String plan;

    @BeforeEach
    void createPlanWithThreeActivities() throws Exception {
        plan = "amend-" + System.nanoTime();
        assertThat(post("/api/plans", Map.of("planId", plan, "title", "Kế hoạch thử", "year", 2024,
                "decision", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25")), null, null).status).isEqualTo(201);
        for (String code : List.of("I.1", "I.2", "IV.8")) {
            assertThat(post("/api/plans/" + plan + "/activities", Map.of("code", code,
                    "section", code.substring(0, code.indexOf('.')), "title", "Hoạt động " + code,
                    "products", List.of("Kế hoạch", "Báo cáo"),
                    "timeline", "- Kế hoạch (Tháng 3/2024); - Báo cáo (quý IV/2024)", "notes", ""), null, null).status)
                    .isEqualTo(201);
        }
    }

    private Map<String, Object> decision(String number, List<Map<String, Object>> changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", Map.of("number", number, "date", "2024-06-10"));
        body.put("effectiveOn", "2024-06-15");
        body.put("summary", "Điều chỉnh, bổ sung Kế hoạch CCHC năm 2024");
        body.put("changes", changes);
        return body;
    }

    private static List<Map<String, Object>> fiveChanges(String secondDue) {
        List<Map<String, Object>> changes = new ArrayList<>();
        changes.add(Map.of("kind", "add", "code", "I.18", "section", "I", "title", "Tổ chức hội nghị",
                "products", List.of("Hội nghị"), "timeline", "Quý III/2024", "lead", "Sở Nội vụ"));
        changes.add(Map.of("kind", "cancel", "code", "I.2", "reason", "không còn phù hợp"));
        changes.add(Map.of("kind", "amend", "code", "I.1",
                "timeline", "- Kế hoạch (Tháng 3/2024); - Báo cáo (Tháng 11/2024)"));
        changes.add(Map.of("kind", "reschedule", "code", "IV.8", "milestoneId", "m1", "newDue", "2024-07-31"));
        changes.add(Map.of("kind", "reschedule", "code", "IV.8", "milestoneId", "m2", "newDue", secondDue));
        return changes;
    }

    @Test
    void aDecisionRecordsAllItsChangesAndEveryEventNamesIt() throws Exception {
        long before = events();
        long lastBefore = lastIndex();
        Response recorded = post("/api/plans/" + plan + "/amendments", decision("15/QĐ-UBND", fiveChanges("2025-01-31")),
                "\"3\"", "decision-15");
        assertThat(recorded.status).as(String.valueOf(recorded.body)).isEqualTo(200);
        assertThat(recorded.body.get("changes").asInt()).isEqualTo(5);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select payload_type, convert_from(meta_data, 'UTF8')::jsonb ->> 'decisionNumber' as decision,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'effectiveOn' as effective
                from domain_event_entry where aggregate_identifier like ? and global_index > ?
                order by global_index""", plan + "%", lastBefore);
        assertThat(rows).extracting(r -> r.get("payload_type")).containsExactly("AmendmentDecided",
                "ActivityAddedToPlan", "ActivityRegistered", "MilestoneScheduled", "ActivityAssigned",
                "ActivityCancelled", "ActivityAmended", "MilestoneWithdrawn", "MilestoneScheduled",
                "DeadlineRescheduled", "DeadlineRescheduled");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("decision")).isEqualTo("15/QĐ-UBND");
            assertThat(r.get("effective")).isEqualTo("2024-06-15");
        });
        assertThat(jdbc.queryForObject("select convert_from(payload, 'UTF8')::jsonb -> 'changes' -> 1 ->> 'what' "
                + "from domain_event_entry where aggregate_identifier = ? and payload_type = 'AmendmentDecided'",
                String.class, plan)).as("the cancellation's line keeps its reason").isEqualTo("cancelled: không còn phù hợp");
        assertThat(jdbc.queryForObject("select count(distinct convert_from(meta_data, 'UTF8')::jsonb ->> 'requestId') "
                + "from domain_event_entry where aggregate_identifier like ? and payload_type <> 'PlanCreated' "
                + "and convert_from(meta_data, 'UTF8')::jsonb ->> 'decisionNumber' is not null", Long.class, plan + "%"))
                .as("one request").isEqualTo(1L);

        Response replayed = post("/api/plans/" + plan + "/amendments", decision("15/QĐ-UBND", fiveChanges("2025-01-31")),
                "\"3\"", "decision-15");
        assertThat(replayed.status).isEqualTo(200);
        assertThat(replayed.replayed).isEqualTo("true");
        Response again = post("/api/plans/" + plan + "/amendments", decision("15/QĐ-UBND",
                List.of(Map.of("kind", "cancel", "code", "IV.8"))), null, null);
        assertThat(again.status).isEqualTo(409);
        assertThat(again.body.get("field").asText()).isEqualTo("decision.number");
        assertThat(events()).isEqualTo(before + 11);
    }

    @Test
    void aDecisionWithOneRefusedChangeRecordsNothingAndNamesTheChange() throws Exception {
        long before = events();
        Response refused = post("/api/plans/" + plan + "/amendments", decision("16/QĐ-UBND", fiveChanges("2024-12-31")),
                null, null);
        assertThat(refused.status).isEqualTo(422);
        assertThat(refused.contentType).startsWith("application/problem+json");
        assertThat(refused.body.get("field").asText()).isEqualTo("changes[4].newDue");
        assertThat(refused.body.get("rule").asText()).isEqualTo("new-due-differs");
        assertThat(events()).as("nothing of the decision recorded").isEqualTo(before);

        List<Map<String, Object>> unknown = fiveChanges("2025-01-31");
        unknown.set(3, Map.of("kind", "reschedule", "code", "IV.9", "milestoneId", "m1", "newDue", "2024-07-31"));
        Response missing = post("/api/plans/" + plan + "/amendments", decision("16/QĐ-UBND", unknown), null, null);
        assertThat(missing.status).isEqualTo(404);
        assertThat(missing.body.get("field").asText()).isEqualTo("changes[3].code");
        assertThat(events()).isEqualTo(before);

        List<Map<String, Object>> incomplete = fiveChanges("2025-01-31");
        incomplete.set(1, Map.of("kind", "reschedule", "code", "I.2", "milestoneId", "m1"));
        Response required = post("/api/plans/" + plan + "/amendments", decision("16/QĐ-UBND", incomplete), null, null);
        assertThat(required.status).isEqualTo(400);
        assertThat(required.body.get("field").asText()).isEqualTo("changes[1].newDue");

        Response stale = post("/api/plans/" + plan + "/amendments", decision("16/QĐ-UBND", fiveChanges("2025-01-31")),
                "\"1\"", null);
        assertThat(stale.status).isEqualTo(412);
        assertThat(stale.body.get("detail").asText()).isEqualTo("the plan is at version 3, not 1");
        assertThat(stale.body.get("currentVersion").asLong()).isEqualTo(3);
        assertThat(events()).isEqualTo(before);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ?",
                Long.class, plan + "%");
    }

    private long lastIndex() {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry where aggregate_identifier like ?",
                Long.class, plan + "%");
    }

    private Response post(String path, Object body, String ifMatch, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey + "-" + plan);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Idempotent-Replayed").orElse(null));
    }

    private record Response(int status, JsonNode body, String contentType, String replayed) {
    }
}
