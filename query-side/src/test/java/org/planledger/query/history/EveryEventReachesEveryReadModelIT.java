package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.query.history.LedgerSimulation.Recorded;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.api.ReviewOutcome;
import org.planledger.shared.eventstore.EventCatalogue;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every event type of the catalogue reaches every read model: after each event of a history that holds every type,
 * the current plan, the plan as of that instant (asOf), the plan in force on its effective date (validAt) and the
 * audit trail (its before → after) show exactly what the one fold says the event did, and the event changed what
 * they show. A type the history does not cover fails the test, so a new event type needs a line here. And an event
 * whose text PostgreSQL cannot store (U+0000 in a reason, a lone surrogate in a report's summary), stored by an earlier
 * version of the command side, sits in one batch between clean events: every read model shows all of them (through
 * the real event store and tracking processors), the audit trail marks the altered entries, and nothing stops.
 */
class EveryEventReachesEveryReadModelIT {

    private static QuerySide querySide;

    @BeforeAll
    static void start() {
        // the events are fed to the handlers, not read by the processors, whose tokens therefore stand still: the kept
        // current plan, written once per state of the tokens, would not see them (CurrentPlanDocumentIT tests it)
        querySide = QuerySide.start("planledger.plan-documents.max-megabytes=0");
    }

    /**
     * The first test feeds the projections a history the event store does not hold; rebuilt from the store, the read
     * models again show only what stored events say, so that later tests (a reset of one of them, verify) do not
     * find them disagreeing about that history.
     */
    @AfterAll
    static void stop() {
        if (querySide == null) {
            return;
        }
        try {
            ProjectionGenerations generations = querySide.context().getBean(ProjectionGenerations.class);
            for (String readModel : List.of("plan", "plan_history", "audit_entry")) {
                assertThat(querySide.post("/api/admin/projections/" + readModel + "/reset", "admin").statusCode())
                        .isEqualTo(202);
            }
            // plan is rebuilt in place; the other two into a new generation, which goes live once caught up
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                    !generations.rebuilding("plan_history") && !generations.rebuilding("audit_entry"));
            querySide.awaitCaughtUp(Duration.ofMinutes(1), "plan", "plan_history", "audit_entry");
            assertThat(querySide.context().getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from activity_view where plan_id like 'every-type-%'", Long.class))
                    .as("activities of the history fed past the store").isZero();
        } finally {
            querySide.close();
        }
    }

    @Test
    void everyEventTypeAppearsInTheCurrentPlanThePointInTimeViewsAndTheAuditTrail() {
        LedgerSimulation ledger = new LedgerSimulation("every-type-" + System.nanoTime(),
                Instant.parse("2024-01-05T02:00:00Z"), 2_000_000_000L);
        DocumentRef basis = new DocumentRef("15/UBND-KGVX", LocalDate.of(2024, 1, 4));
        ledger.createPlan("Kế hoạch CCHC năm 2024", 2024, new DocumentRef("2880/QĐ-UBND", LocalDate.of(2023, 12, 25)));
        step(ledger);
        ledger.register("I.1", "Kế hoạch tuyên truyền", List.of("Kế hoạch", "Quyết định", "Công văn hướng dẫn"),
                "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024); - Công văn hướng dẫn (quý IV/2024).", null);
        step(ledger);
        ledger.register("IV.9", "Triển khai hướng dẫn", List.of("Kế hoạch triển khai"),
                "Triển khai sau khi Bộ … ban hành hướng dẫn 01 tháng", null);
        step(ledger);
        ledger.assign("I.1", LedgerSimulation.agency("so-noi-vu"), List.of(LedgerSimulation.agency("so-y-te")),
                List.of(LedgerSimulation.agency("ubnd-cap-huyen")), "giao nhiệm vụ", basis, null);
        step(ledger);
        ledger.assign("IV.9", LedgerSimulation.agency("so-khoa-hoc-va-cong-nghe"), List.of(), List.of(), "giao", basis, null);
        step(ledger);
        ledger.reschedule("I.1", "m1", LocalDate.of(2024, 8, 31), "chờ hướng dẫn", basis, LocalDate.of(2024, 1, 2));
        step(ledger);
        ledger.trigger("IV.9", "m1", LocalDate.of(2024, 4, 10), new DocumentRef("12/2024/TT-BKHCN", LocalDate.of(2024, 4, 10)));
        step(ledger);
        ledger.report("I.1", LedgerSimulation.agency("so-y-te"), "m1", null, ledger.today().minusDays(1));
        step(ledger);
        assertThat(ledger.review("I.1", "r1", ReviewOutcome.RETURNED, "thiếu số liệu")).isTrue();
        step(ledger);
        assertThat(ledger.report("I.1", LedgerSimulation.agency("so-y-te"), "m1", null, ledger.today(), "r1")).isTrue();
        step(ledger);
        assertThat(ledger.review("I.1", "r2", ReviewOutcome.ACCEPTED, null)).isTrue();
        step(ledger);
        assertThat(ledger.urge("I.1", LedgerSimulation.agency("so-y-te"), "125/SNV-CCHC", ledger.today(),
                List.of("m1"))).isTrue();
        step(ledger);
        ledger.complete("I.1", "m1", ledger.today());
        step(ledger);
        assertThat(ledger.amend("I.1", "Kế hoạch tuyên truyền CCHC", null,
                "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 11/2024); - Công văn hướng dẫn (quý IV/2024).",
                "điều chỉnh kế hoạch", new DocumentRef("1234/QĐ-UBND", LocalDate.of(2024, 1, 5)), null)).isTrue();
        step(ledger);
        DocumentRef decision = new DocumentRef("1500/QĐ-UBND", LocalDate.of(2024, 1, 5));
        ledger.decide(decision, LocalDate.of(2024, 1, 5), "điều chỉnh, bổ sung kế hoạch", List.of(
                new org.planledger.shared.api.AmendmentDecided.Line("RESCHEDULE", "I.1", "m3", "due 2024-10-31")),
                () -> assertThat(ledger.reschedule("I.1", "m3", LocalDate.of(2024, 10, 31), "điều chỉnh, bổ sung kế hoạch",
                        decision, LocalDate.of(2024, 1, 5))).isTrue());
        step(ledger);
        ledger.cancel("IV.9", "không còn phù hợp", basis, null);
        step(ledger);
        ledger.register("I.2", "Hoạt động bổ sung", List.of("Báo cáo"), "Tháng 12/2024", null);
        List<Recorded> events = ledger.events();
        String plan = "/api/plans/" + ledger.planId();
        Set<String> covered = new LinkedHashSet<>();
        Map<Long, LocalDate> effective = PlanFold.effectiveDates(events);
        List<String> changes = PlanFold.changes(events);

        for (int k = 0; k < events.size(); k++) {
            Recorded e = events.get(k);
            String type = EventCatalogue.nameOf(e.payload().getClass()).orElseThrow();
            covered.add(type);
            querySide.feed("planProjection", e.message());
            querySide.feed("planHistoryProjection", e.message());
            querySide.feed("auditProjection", e.message());

            JsonNode entry = audit(ledger.planId(), e.position());
            assertThat(entry.get("type").asText()).isEqualTo(type);
            assertThat(texts(entry)).as("audit before → after of %s", type).isEqualTo(changes.get(k)).isNotEmpty();

            Instant t = e.recordedAt();
            PlanFold.Plan folded = PlanFold.at(events, t, null);
            if (e.activityId() == null) {
                assertThat(querySide.json(plan, Map.of()).get("planId").asText()).isEqualTo(ledger.planId());
                continue;
            }
            String code = ActivityId.codeOf(e.activityId());
            PlanFold.Activity expected = find(folded, code);
            assertThat(PlanFold.activity(querySide.json(plan + "/activities/" + code, Map.of())))
                    .as("current plan after %s", type).isEqualTo(expected);
            assertThat(PlanFold.activity(querySide.json(plan + "/activities/" + code, Map.of("asOf", t.toString()))))
                    .as("asOf after %s", type).isEqualTo(expected);
            PlanFold.Plan before = PlanFold.at(events, t.minusNanos(1), null);
            if (before != null && before.activities().stream().anyMatch(a -> a.code().equals(code))) {
                assertThat(PlanFold.activity(querySide.json(plan + "/activities/" + code,
                        Map.of("asOf", t.minusNanos(1_000).toString())))).as("asOf just before %s", type)
                        .isEqualTo(find(before, code)).isNotEqualTo(expected);
            }
            LocalDate in = effective.get(e.position());
            assertThat(PlanFold.activity(querySide.json(plan + "/activities/" + code,
                    Map.of("validAt", in.toString(), "asOf", t.toString()))))
                    .as("validAt %s of %s", in, type).isEqualTo(find(PlanFold.at(events, t, in), code));
        }
        assertThat(covered).as("event types covered").containsExactlyInAnyOrderElementsOf(EventCatalogue.names());

        // as of the decision: through its last change, nothing recorded after it (the cancellation of IV.9)
        JsonNode decided = querySide.json(plan + "/decisions", Map.of()).get(0);
        assertThat(decided.get("number").asText()).isEqualTo("1500/QĐ-UBND");
        assertThat(decided.get("changes")).hasSize(1);
        JsonNode asOfDecision = querySide.json(plan + "/activities/I.1", Map.of("asOfDecision", "1500/QĐ-UBND"));
        assertThat(asOfDecision.get("milestones").findValuesAsText("due")).contains("2024-10-31");
        assertThat(querySide.json(plan + "/activities/IV.9", Map.of("asOfDecision", "1500/QĐ-UBND"))
                .get("status").asText()).isEqualTo("OPEN");
        assertThat(querySide.json(plan + "/activities/IV.9", Map.of()).get("status").asText()).isEqualTo("CANCELLED");

        // printed order, not the order of registration: I.2, registered last, stands between I.1 and IV.9
        for (Map<String, String> at : List.of(Map.<String, String>of(), Map.of("validAt", "2024-12-31"))) {
            List<String> codes = new ArrayList<>();
            querySide.json(plan, at).get("activities").forEach(a -> codes.add(a.get("code").asText()));
            assertThat(codes).as("the plan's activities %s", at).containsExactly("I.1", "I.2", "IV.9");
        }

        // a joint lead finds the changes to the activity it leads jointly
        List<String> jointLeadSees = new ArrayList<>();
        querySide.json("/api/audit", Map.of("planId", ledger.planId(), "agency", "so-y-te", "limit", "1000"))
                .get("entries").forEach(entry -> jointLeadSees.add(entry.get("code").asText() + " " + entry.get("type").asText()));
        assertThat(jointLeadSees).contains("I.1 ActivityAssigned", "I.1 DeadlineRescheduled", "I.1 MilestoneCompleted")
                .doesNotContain("IV.9 MilestoneTriggered");
    }

    /** Each event of the simulation is recorded a second after the previous command. */
    private static void step(LedgerSimulation ledger) {
        ledger.advance(Duration.ofSeconds(1));
    }

    private static JsonNode audit(String planId, long position) {
        for (JsonNode entry : querySide.json("/api/audit", Map.of("planId", planId, "limit", "1000")).get("entries")) {
            if (entry.get("position").asLong() == position) {
                return entry;
            }
        }
        throw new AssertionError("no audit entry for the event at position " + position);
    }

    private static String texts(JsonNode entry) {
        List<String> texts = new ArrayList<>();
        entry.get("changes").forEach(c -> texts.add(c.get("text").asText()));
        return String.join("\n", texts);
    }

    private static PlanFold.Activity find(PlanFold.Plan plan, String code) {
        return plan.activities().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void aPoisonedEventAndItsCleanNeighboursInOneBatchAllReachEveryReadModel() {
        LedgerSimulation ledger = new LedgerSimulation("poisoned-" + System.nanoTime(),
                Instant.parse("2024-02-01T02:00:00Z"), 0);
        ledger.createPlan("Kế hoạch", 2024, new DocumentRef("2880/QĐ-UBND", LocalDate.of(2023, 12, 25)));
        ledger.register("I.6", "Kế hoạch tuyên truyền", List.of("Quyết định", "Báo cáo"),
                "- Quyết định (tháng 01/2024); - Báo cáo định kỳ quý/6 tháng/năm", LocalDate.of(2024, 1, 1));
        ledger.assign("I.6", LedgerSimulation.agency("so-noi-vu"), List.of(), "giao", null, null);
        ledger.advance(Duration.ofMinutes(5));
        ledger.reschedule("I.6", "m1", LocalDate.of(2024, 2, 29), "trước", null, null);
        ledger.reschedule("I.6", "m1", LocalDate.of(2024, 3, 31), "a\u0000b", new DocumentRef("1\u0000/UBND", null), null);
        ledger.report("I.6", LedgerSimulation.agency("so-noi-vu"), "m2", null, ledger.today());
        ledger.reschedule("I.6", "m1", LocalDate.of(2024, 4, 30), "sau", null, null);
        List<Recorded> events = ledger.events();
        Recorded report = events.get(events.size() - 2);
        Recorded poisonedReport = new Recorded(report.position(), report.aggregateType(), report.aggregateId(),
                report.seq(), withSummary((ReportSubmitted) report.payload(), "x\uD800y"),
                report.metaData(), report.recordedAt(), report.eventId());
        events.set(events.size() - 2, poisonedReport);

        querySide.append(events);
        querySide.awaitCaughtUp(Duration.ofMinutes(1), "plan", "plan_history", "audit_entry");

        String plan = "/api/plans/" + ledger.planId();
        JsonNode current = querySide.json(plan + "/activities/I.6", Map.of());
        assertThat(current.get("milestones").get(0).get("due").asText()).isEqualTo("2024-04-30");
        assertThat(current.get("version").asLong()).isEqualTo(events.get(events.size() - 1).seq());
        assertThat(current.get("reports")).singleElement()
                .satisfies(r -> assertThat(r.get("summary").asText()).isEqualTo("x\uFFFDy"));
        for (int k = 4; k < events.size(); k++) {
            Instant t = events.get(k).recordedAt();
            assertThat(PlanFold.activity(querySide.json(plan + "/activities/I.6", Map.of("asOf", t.toString()))))
                    .as("asOf after event %d", k)
                    .isEqualTo(PlanFold.at(events, t, null).activities().get(0));
        }

        JsonNode entries = querySide.json("/api/audit", Map.of("planId", ledger.planId(), "limit", "100")).get("entries");
        assertThat(entries).hasSize(events.size());
        JsonNode poisoned = entries.get(events.size() - 3);
        assertThat(poisoned.get("reason").asText()).isEqualTo("a\uFFFDb");
        assertThat(poisoned.get("alteredForStorage").asBoolean()).isTrue();
        assertThat(entries.get(events.size() - 2).get("alteredForStorage").asBoolean()).isTrue();
        assertThat(entries.get(events.size() - 1).get("alteredForStorage").asBoolean()).isFalse();
        assertThat(entries.get(events.size() - 1).get("reason").asText()).isEqualTo("sau");

        JdbcTemplate jdbc = querySide.context().getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry e where e.aggregate_identifier like ?
                  and not exists (select 1 from audit_entry a where a.global_position = e.global_index)""",
                Long.class, ledger.planId() + "%")).as("events without an audit entry").isZero();
    }

    private static ReportSubmitted withSummary(ReportSubmitted r,
            String summary) {
        return new ReportSubmitted(r.activityId(), r.reportId(), r.agency(), r.milestoneId(),
                r.period(), summary, r.documentNumber(), r.sentOn(), r.dueInForce(), r.onTime());
    }
}
