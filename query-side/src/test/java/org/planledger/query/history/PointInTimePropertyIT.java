package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.planledger.query.history.LedgerSimulation.Recorded;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ReviewOutcome;
import org.planledger.shared.fold.ActivityState;

/**
 * Random valid command sequences (registrations, assignments with joint leads, reschedules, triggers, reports,
 * completions, cancellations) against the real projections and the real read-model SQL (PostgreSQL, HTTP). At every
 * event boundary: the asOf answer equals what the current read model showed right after that event, and the one fold
 * ({@link PlanFold}: the read models' own fold, applied in memory) of the events recorded by then; the validAt answer (alone, and together with asOf) equals the fold
 * of the events in force on that date, applied in effective order. Plan, activity (with reports) and workload.
 */
class PointInTimePropertyIT {

    private static final List<String> AGENCIES = List.of("so-noi-vu", "so-y-te", "so-tu-phap", "van-phong-ubnd-tinh",
            "cac-so-ban-nganh", "ubnd-cap-huyen", "ubnd-huyen-moc-chau");
    private static final List<List<String>> TEMPLATES = List.of(
            List.of("- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024); - Công văn hướng dẫn (quý IV/2024).",
                    "Kế hoạch triển khai", "Quyết định quy định về tiêu chí", "Công văn hướng dẫn"),
            List.of("- Quyết định (tháng 01/2024); - Báo cáo định kỳ quý/6 tháng/năm", "Quyết định", "Báo cáo"),
            List.of("Quý III/2024", "Báo cáo"),
            List.of("Triển khai sau khi Bộ … ban hành hướng dẫn 01 tháng", "Kế hoạch triển khai"));
    private static final AtomicInteger TRIES = new AtomicInteger();

    private static QuerySide querySide;

    /** One command to try: which, on what, when (minutes after the previous one), in force from when, on a basis. */
    record Step(int op, int pick, int pick2, int gapMinutes, int shiftDays, boolean defaultEffective, boolean basis) {
    }

    @BeforeContainer
    static void start() {
        // the events are fed to the handlers, not read by the processors, whose tokens therefore stand still: the kept
        // current plan, written once per state of the tokens, would not see them (CurrentPlanDocumentIT tests it)
        querySide = QuerySide.start("planledger.plan-documents.max-megabytes=0");
    }

    @AfterContainer
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
    }

    @Provide
    Arbitrary<List<Step>> commands() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 9999),
                Arbitraries.integers().between(0, 9999),
                Arbitraries.integers().between(1, 60 * 24 * 25),
                Arbitraries.integers().between(-150, 20),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 15)
    void asOfEqualsTheLedgerAtThatInstantAndValidAtEqualsTheFoldInEffectiveOrder(@ForAll("commands") List<Step> steps) {
        LedgerSimulation ledger = simulate(steps);
        List<Recorded> events = ledger.events();
        String plan = "/api/plans/" + ledger.planId();

        // the current read model after each event: what the ledger showed at that instant
        List<JsonNode> planShown = new ArrayList<>();
        List<JsonNode> workloadShown = new ArrayList<>();
        List<Map<String, JsonNode>> activitiesShown = new ArrayList<>();
        for (Recorded e : events) {
            querySide.feed("planProjection", e.message());
            querySide.feed("planHistoryProjection", e.message());
            querySide.feed("auditProjection", e.message());
            querySide.clockAt(e.recordedAt());
            planShown.add(querySide.json(plan, Map.of()));
            workloadShown.add(querySide.json(plan + "/workload", Map.of()));
            Map<String, JsonNode> shown = new HashMap<>();
            if (e.activityId() != null) {
                String code = org.planledger.shared.api.ActivityId.codeOf(e.activityId());
                shown.put(code, querySide.json(plan + "/activities/" + code, Map.of()));
            }
            activitiesShown.add(shown);
        }

        Map<Long, LocalDate> effective = PlanFold.effectiveDates(events);
        for (int k = 0; k < events.size(); k++) {
            Instant t = events.get(k).recordedAt();
            String asOf = t.toString();
            LocalDate day = LocalDate.ofInstant(t, LedgerSimulation.ZONE);

            JsonNode planAsOf = querySide.json(plan, Map.of("asOf", asOf));
            assertThat(planAsOf).as("plan asOf %s equals the plan shown then", asOf).isEqualTo(planShown.get(k));
            assertThat(PlanFold.plan(planAsOf)).as("plan asOf %s equals the fold", asOf)
                    .isEqualTo(PlanFold.withoutReports(PlanFold.at(events, t, null)));
            JsonNode workloadAsOf = querySide.json(plan + "/workload", Map.of("asOf", asOf));
            assertThat(workloadAsOf).as("workload asOf %s equals the workload shown then", asOf).isEqualTo(workloadShown.get(k));
            assertThat(PlanFold.workload(workloadAsOf)).as("workload asOf %s equals the fold", asOf)
                    .isEqualTo(PlanFold.workload(events, t, null, day));
            String changed = events.get(k).activityId();
            if (changed != null) {
                String code = org.planledger.shared.api.ActivityId.codeOf(changed);
                JsonNode activity = querySide.json(plan + "/activities/" + code, Map.of("asOf", asOf));
                assertThat(activity).as("activity %s asOf %s", code, asOf).isEqualTo(activitiesShown.get(k).get(code));
                assertThat(PlanFold.activity(activity)).isEqualTo(find(PlanFold.at(events, t, null), code));
            }

            LocalDate in = effective.get(events.get(k).position());
            checkValidAt(events, plan, t, in, changed);
        }
        // validAt alone (everything recorded), on every effective date of the history and the day before it
        for (LocalDate in : new java.util.TreeSet<>(effective.values())) {
            checkValidAt(events, plan, null, in, null);
            checkValidAt(events, plan, null, in.minusDays(1), null);
        }
        assertThat(PlanFold.plan(querySide.json(plan, Map.of())))
                .isEqualTo(PlanFold.withoutReports(PlanFold.at(events, null, null)));

        // the audit trail: one entry per event, in order, each with the change the fold says the event made
        JsonNode audit = querySide.json("/api/audit", Map.of("planId", ledger.planId(), "limit", "1000"));
        assertThat(audit.get("entries")).as("one audit entry per event").hasSize(events.size());
        List<String> expected = PlanFold.changes(events);
        for (int k = 0; k < events.size(); k++) {
            JsonNode entry = audit.get("entries").get(k);
            assertThat(entry.get("position").asLong()).isEqualTo(events.get(k).position());
            List<String> texts = new ArrayList<>();
            entry.get("changes").forEach(c -> texts.add(c.get("text").asText()));
            assertThat(String.join("\n", texts)).as("changes of %s", entry.get("type").asText()).isEqualTo(expected.get(k));
        }
    }

    /** Plan and workload at (t, validAt) against the fold; also the activity that changed, when one did. */
    private static void checkValidAt(List<Recorded> events, String plan, Instant t, LocalDate validAt, String changed) {
        Map<String, String> query = new HashMap<>();
        query.put("validAt", validAt.toString());
        if (t != null) {
            query.put("asOf", t.toString());
        }
        PlanFold.Plan expected = PlanFold.at(events, t, validAt);
        if (expected == null) {
            assertThat(querySide.get(plan, query).statusCode()).as("plan not in force on %s", validAt).isEqualTo(404);
            return;
        }
        JsonNode answer = querySide.json(plan, query);
        assertThat(PlanFold.plan(answer)).as("plan at %s", query).isEqualTo(PlanFold.withoutReports(expected));
        assertThat(PlanFold.workload(querySide.json(plan + "/workload", query))).as("workload at %s", query)
                .isEqualTo(PlanFold.workload(events, t, validAt, validAt));
        for (PlanFold.Activity activity : expected.activities()) {
            if (changed == null || changed.endsWith("/" + activity.code())) {
                assertThat(PlanFold.activity(querySide.json(plan + "/activities/" + activity.code(), query)))
                        .as("activity %s at %s", activity.code(), query).isEqualTo(activity);
            }
        }
    }

    private static PlanFold.Activity find(PlanFold.Plan plan, String code) {
        return plan.activities().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    /** Interprets the steps as commands; a command the aggregates would refuse is simply not recorded. */
    private static LedgerSimulation simulate(List<Step> steps) {
        int n = TRIES.incrementAndGet();
        LedgerSimulation ledger = new LedgerSimulation("prop-" + n + "-" + System.nanoTime(),
                Instant.parse("2024-01-03T01:00:00Z"), 1_000_000_000L * n);
        Step first = steps.get(0);
        ledger.createPlan("Kế hoạch thử " + n, 2024, first.basis()
                ? new DocumentRef("2880/QĐ-UBND", LocalDate.of(2023, 12, 25)) : new DocumentRef("/QĐ-UBND", null));
        ledger.advance(Duration.ofMinutes(first.gapMinutes()));
        register(ledger, first);
        for (Step step : steps.subList(1, steps.size())) {
            ledger.advance(Duration.ofMinutes(step.gapMinutes()));
            List<String> codes = ledger.codes();
            String code = codes.get(step.pick() % codes.size());
            LocalDate effectiveOn = step.defaultEffective() ? null : ledger.today().plusDays(step.shiftDays());
            DocumentRef basis = step.basis() ? new DocumentRef(step.pick() + "/QĐ-UBND", ledger.today().minusDays(2)) : null;
            List<String> milestones = ledger.milestones(code);
            String milestone = milestones.get(step.pick2() % milestones.size());
            int op = step.op();
            if (op < 10 && codes.size() < 3) {
                register(ledger, step);
            } else if (op < 35 || (op >= 90 && step.pick2() % 3 != 0)) {
                AgencyRef lead = LedgerSimulation.agency(AGENCIES.get(step.pick() % AGENCIES.size()));
                List<AgencyRef> coordinators = new ArrayList<>();
                for (int i = 0; i < AGENCIES.size(); i++) {
                    if ((step.pick2() >> i & 1) == 1 && !AGENCIES.get(i).equals(lead.id())) {
                        coordinators.add(LedgerSimulation.agency(AGENCIES.get(i)));
                    }
                }
                List<AgencyRef> jointLeads = new ArrayList<>();
                AgencyRef joint = LedgerSimulation.agency(AGENCIES.get((step.pick() / 7) % AGENCIES.size()));
                if (step.pick() % 4 == 0 && !joint.id().equals(lead.id())) {
                    jointLeads.add(joint);
                    coordinators.removeIf(c -> c.id().equals(joint.id()));
                }
                ledger.assign(code, lead, jointLeads, coordinators, "giao nhiệm vụ", basis, effectiveOn);
            } else if (op < 52) {
                LocalDate current = ledger.due(code, milestone);
                LocalDate base = current == null ? LocalDate.of(2024, 6, 30) : current;
                ledger.reschedule(code, milestone, base.plusDays(step.pick2() % 120 - 40), "điều chỉnh tiến độ",
                        basis, effectiveOn);
            } else if (op < 60) {
                ledger.trigger(code, milestone, ledger.today().minusDays(step.pick2() % 30),
                        new DocumentRef(step.pick() + "/2024/TT-BNV", ledger.today().minusDays(step.pick2() % 30)));
            } else if (op < 75 && step.pick() % 3 == 0) {
                reviewOrAnswer(ledger, code, step);
            } else if (op < 75) {
                List<AgencyRef> participants = ledger.participants(code);
                if (!participants.isEmpty()) {
                    AgencyRef named = participants.get(step.pick2() % participants.size());
                    List<String> members = List.copyOf(LedgerSimulation.DIRECTORY.memberIdsOf(named.id()));
                    AgencyRef reporter = members.isEmpty() ? named
                            : LedgerSimulation.agency(members.get(step.pick() % members.size()));
                    boolean forMilestone = step.pick() % 2 == 0;
                    ledger.report(code, reporter, forMilestone ? milestone : null, forMilestone ? null : "Quý II/2024",
                            ledger.today().minusDays(step.pick2() % 40));
                }
            } else if (op < 90) {
                ledger.complete(code, milestone, ledger.today().minusDays(step.pick2() % 60));
            } else {
                ledger.cancel(code, "không còn phù hợp", basis, effectiveOn);
            }
        }
        return ledger;
    }

    /** Reviews the first report awaiting review (returned or accepted), else answers the first returned one. */
    private static void reviewOrAnswer(LedgerSimulation ledger, String code, Step step) {
        for (ActivityState.ReportState r : ledger.reports(code)) {
            if (r.review() == null) {
                boolean returned = step.pick2() % 2 == 0;
                ledger.review(code, r.reportId(), returned ? ReviewOutcome.RETURNED : ReviewOutcome.ACCEPTED,
                        returned ? "thiếu số liệu" : null);
                return;
            }
        }
        for (ActivityState.ReportState r : ledger.reports(code)) {
            if (r.review() == ReviewOutcome.RETURNED
                    && ledger.report(code, r.agency(), r.milestoneId(), r.period(), ledger.today(), r.reportId())) {
                return;
            }
        }
    }

    private static void register(LedgerSimulation ledger, Step step) {
        List<String> template = TEMPLATES.get(step.pick2() % TEMPLATES.size());
        String code = "I." + (ledger.codes().size() + 1);
        LocalDate effectiveOn = step.defaultEffective() ? null : ledger.today().plusDays(step.shiftDays());
        ledger.register(code, "Hoạt động " + code, template.subList(1, template.size()), template.get(0), effectiveOn);
    }
}
