package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.query.history.LedgerSimulation.Recorded;
import org.planledger.query.support.ProjectionGenerations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilding the point-in-time read model and the audit trail from the event store gives the same answers, and the
 * service keeps answering (from the live generation) while the replay runs. Events go through the real event store
 * and tracking processors; the replay is slowed by a small batch size so that it can be watched.
 */
class RebuildIT {

    private static QuerySide querySide;

    @BeforeAll
    static void start() {
        querySide = QuerySide.start("axon.eventhandling.processors.plan_history.batch-size=5",
                "axon.eventhandling.processors.audit_entry.batch-size=5");
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
    }

    @Test
    void rebuildingFromTheEventStoreGivesIdenticalAnswersAndTheServiceAnswersFromTheLiveGenerationMeanwhile() {
        LedgerSimulation ledger = SonLaLedger.load("rebuild-" + System.nanoTime(), Instant.parse("2024-01-04T02:00:00Z"), 0);
        SonLaLedger.grow(ledger, new Random(42), 1500);
        querySide.append(ledger.events());
        querySide.awaitCaughtUp(Duration.ofMinutes(3), "plan", "plan_history", "audit_entry");

        Map<String, Map<String, String>> questions = questions(ledger);
        Map<String, JsonNode> before = answers(questions);
        ProjectionGenerations generations = querySide.context().getBean(ProjectionGenerations.class);
        int historyLive = generations.live("plan_history");
        int auditLive = generations.live("audit_entry");

        assertThat(querySide.post("/api/admin/projections/plan_history/reset", "admin").statusCode()).isEqualTo(202);
        assertThat(querySide.post("/api/admin/projections/audit_entry/reset", "admin").statusCode()).isEqualTo(202);
        assertThat(generations.rebuilding("plan_history")).isTrue();

        List<String> watched = List.of("plan asOf", "plan validAt", "workload both", "audit", "baseline");
        int answeredDuringRebuild = 0;
        while (generations.rebuilding("plan_history") || generations.rebuilding("audit_entry")) {
            for (String name : watched) {
                assertThat(answer(questions, name)).as("%s during the rebuild", name).isEqualTo(before.get(name));
                answeredDuringRebuild++;
            }
        }
        assertThat(answeredDuringRebuild).as("questions answered while the rebuild ran").isGreaterThan(0);

        await().atMost(Duration.ofMinutes(3)).until(() -> !generations.rebuilding("plan_history")
                && !generations.rebuilding("audit_entry"));
        assertThat(generations.live("plan_history")).isEqualTo(historyLive + 1);
        assertThat(generations.live("audit_entry")).isEqualTo(auditLive + 1);
        assertThat(answers(questions)).isEqualTo(before);
        JdbcTemplate jdbc = querySide.context().getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("select count(*) from history_due where generation = ?", Long.class, historyLive))
                    .as("rows of the replaced generation").isZero();
            assertThat(jdbc.queryForObject("select count(*) from audit_entry where generation = ?", Long.class, auditLive))
                    .isZero();
        });
    }

    /** Questions an inspector asks: name → path and query. */
    private static Map<String, Map<String, String>> questions(LedgerSimulation ledger) {
        List<Recorded> events = ledger.events();
        String plan = "/api/plans/" + ledger.planId();
        String early = events.get(events.size() / 3).recordedAt().toString();
        String late = events.get(events.size() * 2 / 3).recordedAt().toString();
        String validAt = LocalDate.ofInstant(events.get(events.size() / 2).recordedAt(), LedgerSimulation.ZONE).toString();
        Map<String, Map<String, String>> q = new LinkedHashMap<>();
        q.put("plan asOf", Map.of("path", plan, "asOf", early));
        q.put("plan validAt", Map.of("path", plan, "validAt", validAt));
        q.put("plan both", Map.of("path", plan, "asOf", late, "validAt", validAt));
        q.put("activity asOf", Map.of("path", plan + "/activities/I.1", "asOf", early));
        q.put("activity both", Map.of("path", plan + "/activities/III.2", "asOf", late, "validAt", validAt));
        q.put("workload asOf", Map.of("path", plan + "/workload", "asOf", early));
        q.put("workload both", Map.of("path", plan + "/workload", "asOf", late, "validAt", validAt));
        q.put("baseline", Map.of("path", plan + "/baseline", "from", early, "to", late));
        q.put("history", Map.of("path", plan + "/activities/I.1/history", "limit", "1000"));
        q.put("without basis", Map.of("path", plan + "/changes-without-basis"));
        q.put("audit", Map.of("path", "/api/audit", "planId", ledger.planId(), "limit", "1000"));
        q.put("audit by agency", Map.of("path", "/api/audit", "planId", ledger.planId(), "agency", "so-y-te",
                "type", "DeadlineRescheduled", "limit", "1000"));
        return q;
    }

    private static Map<String, JsonNode> answers(Map<String, Map<String, String>> questions) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        questions.keySet().forEach(name -> answers.put(name, answer(questions, name)));
        return answers;
    }

    /** The answer; for paged audit answers every page's entries (cursors name the generation, so they differ). */
    private static JsonNode answer(Map<String, Map<String, String>> questions, String name) {
        Map<String, String> query = new LinkedHashMap<>(questions.get(name));
        String path = query.remove("path");
        JsonNode first = querySide.json(path, query);
        if (!first.has("entries")) {
            return first;
        }
        ArrayNode all = QuerySide.JSON.createArrayNode();
        JsonNode page = first;
        List<String> seen = new ArrayList<>();
        while (true) {
            all.addAll((ArrayNode) page.get("entries"));
            if (!page.get("more").asBoolean()) {
                return all;
            }
            seen.add(page.get("nextCursor").asText());
            query.put("cursor", page.get("nextCursor").asText());
            page = querySide.json(path, query);
        }
    }
}
