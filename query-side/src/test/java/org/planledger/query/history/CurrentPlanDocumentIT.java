package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.query.console.ConsoleSessionsIT;
import org.planledger.query.plan.PlanQueries;

/**
 * The current plan is written as JSON once per state of the plan read model and kept: what is kept is exactly what a
 * fresh read gives, a change to the plan is answered at once with the new plan and a new entity tag, the tag sent back
 * unchanged is answered 304, and a rebuilt read model is answered from the rebuilt rows.
 */
class CurrentPlanDocumentIT {

    private static QuerySide querySide;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        querySide = QuerySide.start();
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
    }

    @Test
    void theKeptPlanIsTheFreshPlanAndMovesWithEveryChange() throws Exception {
        LedgerSimulation ledger = SonLaLedger.load("documents-" + System.nanoTime(), Instant.parse("2024-01-04T02:00:00Z"), 0);
        querySide.append(ledger.events());
        querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan");

        HttpResponse<String> first = get(ledger.planId(), null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(tag).matches("W/\"[0-9a-f]{32}\"");
        assertThat(tree(first.body())).isEqualTo(fresh(ledger.planId()));
        assertThat(get(ledger.planId(), null).headers().firstValue("ETag")).hasValue(tag);

        HttpResponse<String> unchanged = get(ledger.planId(), tag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        int before = ledger.events().size();
        SonLaLedger.grow(ledger, new Random(7), before + 40);
        querySide.append(ledger.events().subList(before, ledger.events().size()));
        querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan");

        HttpResponse<String> changed = get(ledger.planId(), tag);
        assertThat(changed.statusCode()).as("the old tag after a change").isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(tag));
        assertThat(tree(changed.body())).isNotEqualTo(tree(first.body())).isEqualTo(fresh(ledger.planId()));

        assertThat(querySide.post("/api/admin/projections/plan/reset", "admin").statusCode()).isEqualTo(202);
        querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan");
        assertThat(tree(get(ledger.planId(), null).body())).as("after a rebuild").isEqualTo(fresh(ledger.planId()));

        assertThat(get("no-such-plan", null).statusCode()).isEqualTo(404);
    }

    /**
     * The plan read model is rebuilt in place: from its reset (tables emptied) until the replay has caught up, every
     * read of the current plan answers 503 READ_MODEL_REBUILDING with Retry-After instead of a plan with activities
     * missing, the history keeps answering, verify names the processor as rebuilding; once replayed, the same plan.
     */
    @Test
    void whileThePlanIsRebuiltItsReadsAnswerRebuildingNotAPartialPlan() throws Exception {
        LedgerSimulation ledger = SonLaLedger.load("rebuilt-" + System.nanoTime(), Instant.parse("2024-01-04T02:00:00Z"), 0);
        querySide.append(ledger.events());
        querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan", "plan_history");
        String plan = "/api/plans/" + ledger.planId();
        String code = ledger.codes().get(0);
        String agency = "so-noi-vu";
        List<String> api = List.of(plan, plan + "/activities/" + code, plan + "/workload",
                plan + "/agencies/" + agency + "/urging-proposal", plan + "/agencies/" + agency + "/notices");
        List<String> pages = List.of("/ui/plans/" + ledger.planId(), "/ui/plans/" + ledger.planId() + "/activities/" + code,
                "/ui/plans/" + ledger.planId() + "/agencies/" + agency);
        String cookie = ConsoleSessionsIT.signIn(base(), "inspector");
        for (String path : api) {
            assertThat(querySide.get(path, Map.of()).statusCode()).as("%s before the reset", path).isEqualTo(200);
        }
        for (String path : pages) {
            assertThat(page(path, cookie).statusCode()).as("%s before the reset", path).isEqualTo(200);
        }
        assertThat(page("/ui", cookie).statusCode()).as("the console's address before the reset").isEqualTo(302);
        String now = ledger.events().get(ledger.events().size() - 1).recordedAt().toString();
        JsonNode before = tree(get(ledger.planId(), null).body());
        JsonNode asOfBefore = querySide.json(plan, Map.of("asOf", now));

        StreamingEventProcessor processor = querySide.context().getBean(EventProcessingConfiguration.class)
                .eventProcessor("plan", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens(); // what POST /api/admin/projections/plan/reset does, held before the replay begins
        try {
            for (String path : api) {
                HttpResponse<String> answer = querySide.get(path, Map.of());
                assertThat(answer.statusCode()).as("%s while the plan is rebuilt", path).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).as(path).hasValue("5");
                JsonNode problem = tree(answer.body());
                assertThat(problem.get("code").asText()).as(path).isEqualTo("READ_MODEL_REBUILDING");
                assertThat(problem.get("field").asText()).isEqualTo("plan");
                assertThat(problem.get("rule").asText()).isEqualTo("read-model-complete");
            }
            for (String path : Stream.concat(pages.stream(), Stream.of("/ui")).toList()) {
                HttpResponse<String> answer = page(path, cookie);
                assertThat(answer.statusCode()).as("%s while the plan is rebuilt", path).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).as(path).hasValue("5");
                assertThat(answer.body()).as(path).contains("READ_MODEL_REBUILDING", "đang được dựng lại");
            }
            assertThat(querySide.json(plan, Map.of("asOf", now))).as("the plan as of now, from the history")
                    .isEqualTo(asOfBefore);
            JsonNode verification = querySide.json("/api/ledger/verify", Map.of());
            assertThat(verification.get("verified").asBoolean()).isFalse();
            assertThat(verification.at("/readModels/processors")).filteredOn(p -> p.get("processor").asText().equals("plan"))
                    .isNotEmpty().allSatisfy(p -> assertThat(p.get("rebuilding").asBoolean()).isTrue());
        } finally {
            processor.start();
        }
        querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan");
        assertThat(tree(get(ledger.planId(), null).body())).as("the replayed plan").isEqualTo(before);
        for (String path : api) {
            assertThat(querySide.get(path, Map.of()).statusCode()).as("%s after the replay", path).isEqualTo(200);
        }
        for (String path : pages) {
            assertThat(page(path, cookie).statusCode()).as("%s after the replay", path).isEqualTo(200);
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + querySide.context().getEnvironment().getProperty("local.server.port");
    }

    private static HttpResponse<String> page(String path, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The plan read from the read model now, not kept, as the API writes it. */
    private static JsonNode fresh(String planId) throws Exception {
        ObjectMapper json = querySide.context().getBean(ObjectMapper.class);
        PlanQueries plans = querySide.context().getBean(PlanQueries.class);
        return tree(json.writeValueAsString(plans.plan(planId, null, null)));
    }

    private static JsonNode tree(String body) throws Exception {
        return QuerySide.JSON.readTree(body);
    }

    private static HttpResponse<String> get(String planId, String ifNoneMatch) throws Exception {
        String port = querySide.context().getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/plans/" + planId))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("inspector:demo".getBytes()));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
