package org.planledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The command API over real HTTP against the real PostgreSQL event store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class CommandApiIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private String plan;

    @BeforeEach
    void createPlan() throws Exception {
        plan = "it-" + System.nanoTime();
        Response created = post("admin", "/api/plans", Map.of("planId", plan, "title", "Kế hoạch thử", "year", 2024,
                "decision", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25")), null);
        assertThat(created.status).isEqualTo(201);
    }

    private String activities() {
        return "/api/plans/" + plan + "/activities";
    }

    private Response register(String code, String timeline) throws Exception {
        return post("admin", activities(), Map.of("code", code, "section", code.substring(0, code.indexOf('.')),
                "title", "Quyết định ban hành Kế hoạch tuyên truyền", "products", List.of("Quyết định", "Báo cáo"),
                "timeline", timeline, "notes", ""), null);
    }

    @Test
    void registerAssignRescheduleReportWithVersions() throws Exception {
        Response registered = register("I.6", "- Quyết định (tháng 01/2024); - Báo cáo (quý IV/2024)");
        assertThat(registered.status).isEqualTo(201);
        assertThat(registered.body.get("version").asLong()).isEqualTo(2);
        assertThat(registered.etag).isEqualTo("\"2\"");

        Response assigned = post("admin", activities() + "/I.6/assignment", Map.of("lead", "Sở Nội vụ",
                "coordinators", List.of("Các sở, ban, ngành", "UBND các huyện, thành phố"), "reason", "giao nhiệm vụ",
                "basis", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25")), "\"2\"");
        assertThat(assigned.status).isEqualTo(200);
        assertThat(assigned.body.get("version").asLong()).isEqualTo(3);

        Response stale = post("admin", activities() + "/I.6/milestones/m1/reschedule", Map.of("newDue", "2024-03-31",
                "reason", "chờ hướng dẫn", "basis", Map.of("number", "15/UBND-KGVX", "date", "2024-01-10"),
                "effectiveOn", "2024-01-10"), "\"2\"");
        assertThat(stale.status).isEqualTo(412);
        assertThat(stale.contentType).startsWith("application/problem+json");
        assertThat(stale.body.get("field").asText()).isEqualTo("If-Match");
        assertThat(stale.body.get("currentVersion").asLong()).isEqualTo(3);

        Response moved = post("admin", activities() + "/I.6/milestones/m1/reschedule", Map.of("newDue", "2024-03-31",
                "reason", "chờ hướng dẫn", "basis", Map.of("number", "15/UBND-KGVX", "date", "2024-01-10"),
                "effectiveOn", "2024-01-10"), "\"3\"");
        assertThat(moved.status).isEqualTo(200);
        assertThat(moved.etag).isEqualTo("\"4\"");

        Response report = post("officer-so-noi-vu", activities() + "/I.6/reports", Map.of("agency", "so-noi-vu",
                "milestoneId", "m1", "summary", "Đã ban hành", "documentNumber", "45/QĐ-UBND", "sentOn", "2024-03-20"), null);
        assertThat(report.status).isEqualTo(200);
        assertThat(report.body.get("version").asLong()).isEqualTo(5);
    }

    @Test
    void aRetriedCommandWithTheSameIdempotencyKeyIsAppliedOnce() throws Exception {
        register("VIII.1", "Năm 2024");
        post("admin", activities() + "/VIII.1/assignment", Map.of("lead", "so-noi-vu"), null);
        String report = json.writeValueAsString(Map.of("agency", "so-noi-vu", "period", "Q1/2024", "summary", "quý I",
                "sentOn", "2024-03-30"));
        String key = "report-" + System.nanoTime();
        List<java.util.concurrent.CompletableFuture<Response>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return send("officer-so-noi-vu", "POST", activities() + "/VIII.1/reports", report, null, key);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (var attempt : attempts) {
            Response response = attempt.get();
            assertThat(response.status).isEqualTo(200);
            assertThat(response.body.get("version").asLong()).isEqualTo(3);
        }
        Response retried = send("officer-so-noi-vu", "POST", activities() + "/VIII.1/reports", report, null, key);
        assertThat(retried.body.get("version").asLong()).isEqualTo(3);
        assertThat(retried.replayed).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type = 'ReportSubmitted'", Long.class, plan + "/VIII.1")).isEqualTo(1L);

        Response reused = send("officer-so-noi-vu", "POST", activities() + "/VIII.1/reports", report.replace("quý I", "quý II"), null, key);
        assertThat(reused.status).isEqualTo(422);
        assertThat(reused.body.get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void everyEventCarriesTheAuthenticatedActorAndTheRequestId() throws Exception {
        register("II.1", "Năm 2024");
        post("admin", activities() + "/II.1/assignment", Map.of("lead", "so-tu-phap", "reason", "giao",
                "basis", Map.of("number", "1/QĐ", "date", "2024-01-02"), "effectiveOn", "2024-01-02"), null);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select type, payload_type, convert_from(meta_data, 'UTF8') as meta from domain_event_entry
                where aggregate_identifier = ? order by sequence_number""", plan + "/II.1");
        assertThat(rows).extracting(r -> r.get("payload_type"))
                .containsExactly("ActivityRegistered", "MilestoneScheduled", "ActivityAssigned");
        JsonNode meta = json.readTree((String) rows.get(2).get("meta"));
        assertThat(meta.get("actorUser").asText()).isEqualTo("admin");
        assertThat(meta.get("actorRole").asText()).isEqualTo("PLAN_ADMIN");
        assertThat(meta.get("effectiveOn").asText()).isEqualTo("2024-01-02");
        assertThat(meta.get("basisNumber").asText()).isEqualTo("1/QĐ");
        assertThat(meta.get("reason").asText()).isEqualTo("giao");
        assertThat(meta.get("requestId").asText()).isNotBlank();
        assertThat(meta.get("correlationId").asText()).isNotBlank();
    }

    @Test
    void anActivityRegisteredWithoutEffectiveOnIsInForceFromThePlansDecisionDateNotToday() throws Exception {
        register("II.2", "- Quyết định (tháng 01/2024); - Báo cáo (quý IV/2024)");
        List<String> days = jdbc.queryForList("""
                select convert_from(meta_data, 'UTF8')::jsonb ->> 'effectiveOn' from domain_event_entry
                where aggregate_identifier = ? order by sequence_number""", String.class, plan + "/II.2");
        assertThat(days).hasSize(3).containsOnly("2023-12-25");
    }

    @Test
    void theEventTableRefusesUpdateDeleteAndTruncate() {
        // the service's role holds only SELECT and INSERT on it; the trigger behind that is tested in LedgerTamperEvidenceIT
        assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload_type = 'x' where global_index = "
                + "(select max(global_index) from domain_event_entry)"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.update("delete from domain_event_entry"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.execute("truncate domain_event_entry"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, plan)).isEqualTo(1L);
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        Response bad = send("admin", "POST", activities(), "{\"code\": \"I.1\", ", null);
        assertThat(bad.status).isEqualTo(400);
        assertThat(bad.contentType).startsWith("application/problem+json");
        assertThat(bad.body.get("code").asText()).isEqualTo("MALFORMED_REQUEST");

        Response wrongType = post("admin", activities(), Map.of("code", "I.1", "section", "I", "title", "t",
                "timeline", "Năm 2024", "products", "not-a-list"), null);
        assertThat(wrongType.status).isEqualTo(400);
        assertThat(wrongType.body.get("field").asText()).isEqualTo("products");
    }

    @Test
    void missingAndInvalidFieldsAreNamed() throws Exception {
        Response missing = post("admin", activities(), Map.of("code", "I.1", "section", "I", "title", "t"), null);
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.body.get("field").asText()).isEqualTo("timeline");
        assertThat(missing.body.get("rule").asText()).isEqualTo("required");

        Response badCode = post("admin", activities(), Map.of("code", "one", "section", "I", "title", "t",
                "timeline", "Năm 2024"), null);
        assertThat(badCode.status).isEqualTo(400);
        assertThat(badCode.body.get("field").asText()).isEqualTo("code");
    }

    @Test
    void unknownAgencyIs422NamingTheText() throws Exception {
        register("III.1", "Năm 2024");
        Response unknown = post("admin", activities() + "/III.1/assignment", Map.of("lead", "Sở Nội vụ",
                "coordinators", List.of("Sở Hư cấu")), null);
        assertThat(unknown.status).isEqualTo(422);
        assertThat(unknown.body.get("field").asText()).isEqualTo("coordinators[0]");
        assertThat(unknown.body.get("detail").asText()).contains("Sở Hư cấu");
    }

    @Test
    void duplicateCodeAndDuplicatePlanAre409() throws Exception {
        assertThat(register("IV.1", "Năm 2024").status).isEqualTo(201);
        Response again = register("IV.1", "Năm 2024");
        assertThat(again.status).isEqualTo(409);
        assertThat(again.body.get("rule").asText()).isEqualTo("code-unique-in-plan");

        Response planAgain = post("admin", "/api/plans", Map.of("planId", plan, "title", "x", "year", 2024,
                "decision", Map.of("number", "1/QĐ")), null);
        assertThat(planAgain.status).isEqualTo(409);
    }

    @Test
    void unknownPlanActivityAndMilestoneAre404() throws Exception {
        assertThat(post("admin", "/api/plans/no-such-plan/activities", Map.of("code", "I.1", "section", "I",
                "title", "t", "timeline", "Năm 2024"), null).body.get("code").asText()).isEqualTo("UNKNOWN_PLAN");
        Response noActivity = post("admin", activities() + "/I.99/cancellation", Map.of("reason", "x"), null);
        assertThat(noActivity.status).isEqualTo(404);
        register("V.1", "Năm 2024");
        Response noMilestone = post("admin", activities() + "/V.1/milestones/m7/reschedule",
                Map.of("newDue", "2024-12-31", "reason", "r"), null);
        assertThat(noMilestone.status).isEqualTo(404);
        assertThat(noMilestone.body.get("field").asText()).isEqualTo("milestoneId");
    }

    @Test
    void recordingATriggerFixesTheDueDateOfATriggeredMilestone() throws Exception {
        register("VI.2", "Triển khai sau khi Bộ Tài chính ban hành hướng dẫn 01 tháng");
        Response trigger = post("admin", activities() + "/VI.2/milestones/m1/trigger", Map.of("occurredOn", "2024-04-10",
                "source", Map.of("number", "25/2024/TT-BTC", "date", "2024-04-10"), "note", "Thông tư hướng dẫn"), null);
        assertThat(trigger.status).isEqualTo(200);
        String payload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = 'MilestoneTriggered'", String.class, plan + "/VI.2");
        assertThat(json.readTree(payload).get("due").asText()).isEqualTo("2024-05-10");
        Response again = post("admin", activities() + "/VI.2/milestones/m1/trigger", Map.of("occurredOn", "2024-04-11",
                "source", Map.of("number", "26/2024/TT-BTC")), null);
        assertThat(again.status).isEqualTo(422);
        assertThat(again.body.get("rule").asText()).isEqualTo("trigger-once");
    }

    @Test
    void businessRuleBrokenIs422() throws Exception {
        register("VI.1", "Tháng 9/2024");
        Response same = post("admin", activities() + "/VI.1/milestones/m1/reschedule",
                Map.of("newDue", "2024-09-30", "reason", "r"), null);
        assertThat(same.status).isEqualTo(422);
        assertThat(same.body.get("rule").asText()).isEqualTo("new-due-differs");
    }

    @Test
    void inspectorsWriteNothingAndAnonymousCallsAreRefused() throws Exception {
        Response inspector = post("inspector", activities(), Map.of("code", "I.1", "section", "I", "title", "t",
                "timeline", "Năm 2024"), null);
        assertThat(inspector.status).isEqualTo(403);
        assertThat(inspector.contentType).startsWith("application/problem+json");
        Response anonymous = send(null, "POST", "/api/plans", "{}", null);
        assertThat(anonymous.status).isEqualTo(401);
        assertThat(anonymous.contentType).startsWith("application/problem+json");
    }

    @Test
    void anOfficerReportsOnlyForTheirOwnAgency() throws Exception {
        register("VII.1", "Năm 2024");
        post("admin", activities() + "/VII.1/assignment", Map.of("lead", "so-noi-vu"), null);
        Response other = post("officer-so-y-te", activities() + "/VII.1/reports", Map.of("agency", "so-noi-vu",
                "period", "Q1", "summary", "s", "sentOn", "2024-03-01"), null);
        assertThat(other.status).isEqualTo(403);
        assertThat(other.body.get("rule").asText()).isEqualTo("own-agency");
        Response notInvolved = post("officer-so-y-te", activities() + "/VII.1/reports", Map.of("agency", "so-y-te",
                "period", "Q1", "summary", "s", "sentOn", "2024-03-01"), null);
        assertThat(notInvolved.status).isEqualTo(403);
        assertThat(notInvolved.body.get("rule").asText()).isEqualTo("officer-agency-takes-part");
    }

    @Test
    void aPlanKeeperReturnsAReportAndTheAgencyAnswersIt() throws Exception {
        register("VII.2", "Tháng 6/2024");
        post("admin", activities() + "/VII.2/assignment", Map.of("lead", "so-y-te"), null);
        Map<String, Object> report = Map.of("agency", "so-y-te", "milestoneId", "m1", "summary", "đã triển khai",
                "documentNumber", "50/BC-SYT", "sentOn", "2024-06-10");
        assertThat(post("officer-so-y-te", activities() + "/VII.2/reports", report, null).status).isEqualTo(200);
        String review = activities() + "/VII.2/reports/r1/review";

        Response noReason = post("admin", review, Map.of("outcome", "RETURNED"), null);
        assertThat(noReason.status).isEqualTo(400);
        assertThat(noReason.contentType).startsWith("application/problem+json");
        assertThat(noReason.body.get("field").asText()).isEqualTo("reason");
        assertThat(noReason.body.get("rule").asText()).isEqualTo("reason-when-returned");
        Response badOutcome = post("admin", review, Map.of("outcome", "MAYBE"), null);
        assertThat(badOutcome.status).isEqualTo(400);
        assertThat(badOutcome.body.toString()).doesNotContain("ReviewOutcome", "org.planledger");
        Response unknown = post("admin", activities() + "/VII.2/reports/r9/review", Map.of("outcome", "ACCEPTED"), null);
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.body.get("code").asText()).isEqualTo("UNKNOWN_REPORT");
        Response byOfficer = post("officer-so-y-te", review, Map.of("outcome", "ACCEPTED"), null);
        assertThat(byOfficer.status).isEqualTo(403);

        Response returned = post("admin", review, Map.of("outcome", "RETURNED", "reason", "thiếu danh mục"), null);
        assertThat(returned.status).isEqualTo(200);
        Response twice = post("admin", review, Map.of("outcome", "ACCEPTED"), null);
        assertThat(twice.status).isEqualTo(422);
        assertThat(twice.body.get("rule").asText()).isEqualTo("review-once");

        Map<String, Object> answer = new java.util.HashMap<>(report);
        answer.put("documentNumber", "52/BC-SYT");
        answer.put("answers", "r1");
        assertThat(post("officer-so-y-te", activities() + "/VII.2/reports", answer, null).status).isEqualTo(200);
        Response again = post("officer-so-y-te", activities() + "/VII.2/reports", answer, null);
        assertThat(again.status).isEqualTo(422);
        assertThat(again.body.get("field").asText()).isEqualTo("answers");
        assertThat(again.body.get("rule").asText()).isEqualTo("answer-once");
        String stored = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = 'ReportSubmitted' and payload_revision = '2' "
                + "order by sequence_number desc limit 1", String.class, plan + "/VII.2");
        assertThat(json.readTree(stored).get("answers").asText()).isEqualTo("r1");
    }

    @Test
    void anUrgingNoticeIsRecordedOnEveryActivityItNamesOrNotAtAll() throws Exception {
        register("VII.3", "Tháng 6/2024");
        register("VII.4", "- Quyết định (tháng 01/2024); - Báo cáo (quý IV/2024)");
        register("VII.5", "Tháng 6/2024");
        post("admin", activities() + "/VII.3/assignment", Map.of("lead", "so-y-te"), null);
        post("admin", activities() + "/VII.4/assignment", Map.of("lead", "so-noi-vu", "coordinators",
                List.of("so-y-te")), null);
        post("admin", activities() + "/VII.5/assignment", Map.of("lead", "so-noi-vu"), null);
        String notices = "/api/plans/" + plan + "/notices";
        Response notOwn = post("admin", notices, Map.of("agency", "Sở Y tế", "documentNumber", "125/SNV-CCHC",
                "sentOn", "2024-07-10", "milestones", List.of(Map.of("code", "VII.3", "milestoneId", "m1"),
                        Map.of("code", "VII.5", "milestoneId", "m1"))), null);
        assertThat(notOwn.status).isEqualTo(422);
        assertThat(notOwn.contentType).startsWith("application/problem+json");
        assertThat(notOwn.body.get("field").asText()).isEqualTo("milestones[1].code");
        assertThat(notOwn.body.get("rule").asText()).isEqualTo("agency-takes-part");
        Response unknown = post("admin", notices, Map.of("agency", "so-y-te", "documentNumber", "125/SNV-CCHC",
                "sentOn", "2024-07-10", "milestones", List.of(Map.of("code", "VII.3", "milestoneId", "m1"),
                        Map.of("code", "VII.4", "milestoneId", "m9"))), null);
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.body.get("field").asText()).isEqualTo("milestones[1].milestoneId");
        Integer before = jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = 'AgencyUrged' "
                + "and aggregate_identifier like ?", Integer.class, plan + "/%");
        assertThat(before).isZero();

        Response sent = post("admin", notices, Map.of("agency", "so-y-te", "documentNumber", "125/SNV-CCHC",
                "sentOn", "2024-07-10", "milestones", List.of(Map.of("code", "VII.3", "milestoneId", "m1"),
                        Map.of("code", "VII.4", "milestoneId", "m1"), Map.of("code", "VII.4", "milestoneId", "m2"))), null);
        assertThat(sent.status).isEqualTo(200);
        assertThat(sent.body.get("activities").get("VII.4").asLong()).isEqualTo(4);
        String stored = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = 'AgencyUrged'", String.class, plan + "/VII.3");
        assertThat(json.readTree(stored).get("milestones").get(0).get("overdue").asBoolean()).isTrue();
        Response byOfficer = post("officer-so-y-te", notices, Map.of("agency", "so-y-te", "documentNumber", "1/X",
                "sentOn", "2024-07-10", "milestones", List.of(Map.of("code", "VII.3", "milestoneId", "m1"))), null);
        assertThat(byOfficer.status).isEqualTo(403);
        Response empty = post("admin", notices, Map.of("agency", "so-y-te", "documentNumber", "1/X",
                "sentOn", "2024-07-10", "milestones", List.of()), null);
        assertThat(empty.status).isEqualTo(400);
        assertThat(empty.body.toString()).contains("milestones");
    }

    private Response post(String user, String path, Object body, String ifMatch) throws Exception {
        return send(user, "POST", path, json.writeValueAsString(body), ifMatch);
    }

    private Response send(String user, String method, String path, String body, String ifMatch) throws Exception {
        return send(user, method, path, body, ifMatch, null);
    }

    private Response send(String user, String method, String path, String body, String ifMatch, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        return new Response(response.statusCode(), node, response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Idempotent-Replayed").isPresent());
    }

    record Response(int status, JsonNode body, String etag, String contentType, boolean replayed) {
    }
}
