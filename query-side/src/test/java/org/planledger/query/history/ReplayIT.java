package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.DocumentRef;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A replay writes exactly the rows live processing wrote. A Sơn La history (reschedules, reassignments, reports,
 * completions, a cancellation, and an event whose reason and basis PostgreSQL cannot store as they are) is first
 * projected by a query side that takes one event per batch, as live processing does; then a query side with the
 * configured (large) batches resets each read model and replays the whole store, the poisoned event in the middle of
 * one large batch. Every row of every table of the three read models (all columns but row ids and the generation) is
 * the same before and after, and the poisoned event has its entry, marked as altered. Real PostgreSQL, the real event
 * store and tracking processors.
 */
class ReplayIT {

    /** Each read model's tables, and the columns that number rows rather than say something. */
    private static final Map<String, Map<String, List<String>>> TABLES = Map.of(
            "plan", tables(List.of(), "plan_view", "activity_view", "activity_participant", "milestone_view",
                    "report_view", "plan_fold_state", "agency_participation", "agency_lead_due"),
            "plan_history", tables(List.of("id"), PlanHistoryProjection.TABLES.toArray(String[]::new)),
            "audit_entry", tables(List.of("seq"), "audit_entry", "audit_fold_state"));

    @Test
    void replayingEachReadModelInLargeBatchesWritesExactlyTheRowsOfLiveProcessing() {
        String planId = "replay-" + System.nanoTime();
        LedgerSimulation ledger = SonLaLedger.load(planId, Instant.parse("2024-01-04T02:00:00Z"), 0);
        SonLaLedger.grow(ledger, new Random(11), 700);
        ledger.advance(Duration.ofMinutes(3));
        ledger.reschedule("I.6", "m1", LocalDate.of(2024, 3, 31), "a\u0000b", new DocumentRef("1\u0000/UBND", null), null);
        String code = ledger.codes().get(3);
        ledger.report(code, ledger.participants(code).get(0), ledger.milestones(code).get(0), null, ledger.today());
        ledger.complete(code, ledger.milestones(code).get(0), ledger.today());
        ledger.cancel(ledger.codes().get(5), "bãi bỏ", new DocumentRef("9/QĐ-UBND", ledger.today()), null);
        SonLaLedger.grow(ledger, new Random(12), 1400);
        // a title amended last (no reassignment after it): its search document follows the new text
        assertThat(ledger.amend(ledger.codes().get(7), "Rà soát, đơn giản hóa thủ tục đất đai", null, null, "sửa tên",
                new DocumentRef("10/QĐ-UBND", ledger.today()), null)).isTrue();
        List<LedgerSimulation.Recorded> events = ledger.events();

        Map<String, List<String>> live;
        try (QuerySide oneByOne = QuerySide.start("axon.eventhandling.processors.plan.batch-size=1",
                "axon.eventhandling.processors.plan_history.batch-size=1",
                "axon.eventhandling.processors.audit_entry.batch-size=1")) {
            oneByOne.append(events);
            oneByOne.awaitCaughtUp(Duration.ofMinutes(5), "plan", "plan_history", "audit_entry");
            live = dump(oneByOne.context().getBean(JdbcTemplate.class), planId);
            assertThat(staleSearchDocuments(oneByOne.context().getBean(JdbcTemplate.class), planId))
                    .as("every activity's search document, written one event at a time").isZero();
            assertThat(oneByOne.context().getBean(JdbcTemplate.class).queryForObject(
                    "select search_document from activity_view where plan_id = ? and code = ?", String.class, planId,
                    ledger.codes().get(7))).contains(" ra soat don gian hoa thu tuc dat dai ");
        }
        assertThat(live.get("audit_entry audit_entry")).as("one audit entry per event").hasSize(events.size());
        assertThat(live.get("audit_entry audit_entry")).filteredOn(row -> row.contains("a\uFFFDb"))
                .singleElement().satisfies(row -> assertThat(row).contains("\"altered_for_storage\": true"));
        assertThat(live.get("plan_history history_cancellation")).hasSize(1);
        assertThat(live.get("plan report_view")).isNotEmpty();
        assertThat(live.get("plan agency_participation")).isNotEmpty();
        assertThat(live.get("plan agency_lead_due")).isNotEmpty();

        try (QuerySide batched = QuerySide.start()) {
            var generations = batched.context().getBean(org.planledger.query.support.ProjectionGenerations.class);
            for (String readModel : List.of("plan", "plan_history", "audit_entry")) {
                assertThat(batched.post("/api/admin/projections/" + readModel + "/reset", "admin").statusCode())
                        .isEqualTo(202);
            }
            batched.awaitCaughtUp(Duration.ofMinutes(5), "plan", "plan_history", "audit_entry");
            await().atMost(Duration.ofMinutes(1)).until(() -> !generations.rebuilding("plan")
                    && !generations.rebuilding("plan_history") && !generations.rebuilding("audit_entry"));
            Map<String, List<String>> replayed = dump(batched.context().getBean(JdbcTemplate.class), planId);
            assertThat(replayed.keySet()).containsExactlyElementsOf(live.keySet());
            for (String table : live.keySet()) {
                assertThat(replayed.get(table)).as("rows of %s after the replay", table)
                        .containsExactlyElementsOf(live.get(table));
            }
            assertThat(staleSearchDocuments(batched.context().getBean(JdbcTemplate.class), planId))
                    .as("every activity's search document, written again by the replay").isZero();
        }
    }

    /** Activities of the plan whose stored search document is not the fold of their texts and participants now. */
    private static Integer staleSearchDocuments(JdbcTemplate jdbc, String planId) {
        return jdbc.queryForObject("""
                select count(*) filter (where search_document is distinct from console_search_document(activity_id))
                       + count(*) filter (where search_document is null)
                from activity_view where plan_id = ?""", Integer.class, planId);
    }

    private static Map<String, List<String>> tables(List<String> numbering, String... names) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String name : names) {
            tables.put(name, numbering);
        }
        return tables;
    }

    /**
     * Every row of the plan's activities in every table of each read model (its live generation), as JSON without the
     * row numbering and the generation, sorted.
     */
    private static Map<String, List<String>> dump(JdbcTemplate jdbc, String planId) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (String readModel : List.of("plan", "plan_history", "audit_entry")) {
            List<Integer> live = jdbc.queryForList(
                    "select live from projection_generation where processing_group = ?", Integer.class, readModel);
            int generation = live.isEmpty() ? 0 : live.get(0);
            // the plan read model is rebuilt in place: its row there only says whether a rebuild is under way
            boolean generational = !readModel.equals("plan");
            TABLES.get(readModel).forEach((table, numbering) -> {
                String drop = numbering.stream().map(c -> " - '" + c + "'").reduce("", String::concat);
                dump.put(readModel + " " + table, jdbc.queryForList("select (to_jsonb(t)" + drop
                        + " - 'generation')::text as r from " + table + " t"
                        + " where (not ? or coalesce((to_jsonb(t)->>'generation')::int, ?) = ?)"
                        + " and (to_jsonb(t)->>'plan_id' = ? or to_jsonb(t)->>'activity_id' like ?) order by r",
                        String.class, generational, generation, generation, planId, planId + "/%"));
            });
        }
        return dump;
    }
}
