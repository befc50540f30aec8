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
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
