package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.planledger.query.console.ConsoleSessionsIT;
import org.springframework.core.env.Environment;

/**
 * A query side whose processors have no token on a store that already holds events (a new query side on an existing
 * ledger, or tokens a migration deleted) builds every read model from the first event. Until each has caught up, its
 * reads answer 503 READ_MODEL_REBUILDING naming it, in the API and the console, and verify says so, rather than a
 * plan, a history or an audit trail with changes missing; once caught up, the answers are those the query side gave
 * before its tokens were gone, and the rows those tokens had written are not counted twice.
 */
class FirstBuildIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] PROCESSORS = {"plan", "plan_history", "audit_entry"};

    private QuerySide querySide;

    @AfterEach
    void stop() {
        QuerySide.Gate.open();
        if (querySide != null) {
            querySide.close();
        }
    }

    @Test
    void aReadModelBuiltForTheFirstTimeOnAStoredLedgerAnswersRebuildingUntilCaughtUp() throws Exception {
        LedgerSimulation ledger = SonLaLedger.load("first-build-" + System.nanoTime(), Instant.parse("2024-01-04T02:00:00Z"), 0);
        String plan = "/api/plans/" + ledger.planId();
        String now = ledger.events().get(ledger.events().size() - 1).recordedAt().toString();
        Map<String, Map<String, String>> questions = new LinkedHashMap<>();
        questions.put(plan, Map.of());
        questions.put(plan + "/activities/I.1/history", Map.of("limit", "1000"));
        questions.put("/api/audit", Map.of("planId", ledger.planId(), "limit", "1000"));
        // the activity's history is told from the audit trail; the plan as of a date from the point-in-time model
        Map<String, String> readModelOf = Map.of(plan, "plan", plan + "/activities/I.1/history", "audit_entry",
                "/api/audit", "audit_entry");

        querySide = QuerySide.start();
        querySide.append(ledger.events());
        querySide.awaitCaughtUp(Duration.ofMinutes(3), PROCESSORS);
        Map<String, JsonNode> before = answers(questions);
        JsonNode asOfBefore = querySide.json(plan, Map.of("asOf", now));
        Environment env = querySide.context().getEnvironment();
        String url = env.getProperty("spring.datasource.url");
        String user = env.getProperty("spring.datasource.username");
        String password = env.getProperty("spring.datasource.password");
        querySide.close();
        querySide = null;

        try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
            sql.execute("delete from token_entry where processor_name in ('plan', 'plan_history', 'audit_entry')");
        }
        querySide = QuerySide.startHeld();
        String cookie = ConsoleSessionsIT.signIn(base(), "inspector");
        for (String path : questions.keySet()) {
            HttpResponse<String> answer = querySide.get(path, questions.get(path));
            assertThat(answer.statusCode()).as("%s before the first build has caught up", path).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as(path).hasValue("5");
            JsonNode problem = QuerySide.JSON.readTree(answer.body());
            assertThat(problem.get("code").asText()).as(path).isEqualTo("READ_MODEL_REBUILDING");
            assertThat(problem.get("field").asText()).as(path).isEqualTo(readModelOf.get(path));
            assertThat(problem.get("rule").asText()).as(path).isEqualTo("read-model-complete");
        }
        HttpResponse<String> asOf = querySide.get(plan, Map.of("asOf", now));
        assertThat(asOf.statusCode()).as("the plan as of now, from the history").isEqualTo(503);
        assertThat(QuerySide.JSON.readTree(asOf.body()).get("field").asText()).isEqualTo("plan_history");
        HttpResponse<String> auditPage = page("/ui/plans/" + ledger.planId() + "/audit", cookie);
        assertThat(auditPage.statusCode()).as("the console's audit trail").isEqualTo(503);
        assertThat(auditPage.body()).contains("READ_MODEL_REBUILDING", "Nhật ký kiểm tra đang được dựng lần đầu");
        JsonNode verification = querySide.json("/api/ledger/verify", Map.of());
        assertThat(verification.get("verified").asBoolean()).isFalse();
        assertThat(verification.at("/readModels/processors")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.get("rebuilding").asBoolean()).as(p.toString()).isTrue());

        QuerySide.Gate.open();
        querySide.awaitCaughtUp(Duration.ofMinutes(5), PROCESSORS);
        assertThat(answers(questions)).as("the answers once built again").isEqualTo(before);
        assertThat(querySide.json(plan, Map.of("asOf", now))).isEqualTo(asOfBefore);
        assertThat(page("/ui/plans/" + ledger.planId() + "/audit", cookie).statusCode()).isEqualTo(200);
        assertThat(querySide.json("/api/ledger/verify", Map.of()).at("/readModels/complete").asBoolean())
                .as("every read model complete after the first build").isTrue();
    }

    private Map<String, JsonNode> answers(Map<String, Map<String, String>> questions) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        // the audit trail's cursor names the generation it was read from, so only its entries are compared
        questions.forEach((path, query) -> {
            JsonNode answer = querySide.json(path, query);
            answers.put(path, answer.has("entries") ? answer.get("entries") : answer);
        });
        return answers;
    }

    private String base() {
        return "http://127.0.0.1:" + querySide.context().getEnvironment().getProperty("local.server.port");
    }

    private HttpResponse<String> page(String path, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
