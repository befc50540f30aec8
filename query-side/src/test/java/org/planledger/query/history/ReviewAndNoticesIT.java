package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.ReviewOutcome;

/**
 * A report returned and answered, and an urging notice to Sở Y tế before IV.8's due date, as every read model of the
 * query side shows them: the activity now and as of a time between the steps, the workload, the proposal of what to
 * urge, the notices received, the audit trail and the inspection report.
 */
class ReviewAndNoticesIT {

    static final AgencyRef Y_TE = new AgencyRef("so-y-te", "Sở Y tế");
    static final Instant LOADED = Instant.parse("2024-01-04T02:00:00Z");
    static final Instant CUT_OFF = Instant.parse("2024-12-31T17:00:00Z");

    private static QuerySide querySide;
    private static String plan;
    private static Instant returnedAt;

    @BeforeAll
    static void anExchangeAndANotice() {
        querySide = QuerySide.start();
        plan = "review-" + System.nanoTime();
        LedgerSimulation ledger = SonLaLedger.load(plan, LOADED, 0);
        ledger.advance(Duration.between(LOADED, Instant.parse("2024-06-20T02:00:00Z")));
        assertThat(ledger.assign("IV.8", Y_TE, List.of(), List.of(), "giao Sở Y tế", null, null)).isTrue();
        assertThat(ledger.urge("IV.8", Y_TE, "125/SNV-CCHC", LocalDate.of(2024, 6, 20), List.of("m1"))).isTrue();
        ledger.actAs("officer-so-y-te", "so-y-te", "AGENCY_OFFICER");
        assertThat(ledger.report("IV.8", Y_TE, "m1", null, LocalDate.of(2024, 6, 20))).isTrue();
        ledger.advance(Duration.ofDays(2));
        ledger.actAs("admin", "", "PLAN_ADMIN");
        assertThat(ledger.review("IV.8", "r1", ReviewOutcome.RETURNED, "thiếu danh mục sản phẩm")).isTrue();
        returnedAt = ledger.today().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(Duration.ofHours(2));
        ledger.advance(Duration.ofDays(3));
        ledger.actAs("officer-so-y-te", "so-y-te", "AGENCY_OFFICER");
        assertThat(ledger.report("IV.8", Y_TE, "m1", null, LocalDate.of(2024, 6, 25), "r1")).isTrue();
        ledger.actAs("admin", "", "PLAN_ADMIN");
        assertThat(ledger.review("IV.8", "r2", ReviewOutcome.ACCEPTED, null)).isTrue();
        querySide.append(ledger.events());
        querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan", "plan_history", "audit_entry");
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
    }

    @Test
    void theActivityShowsTheWholeExchangeAndAViewBeforeTheReviewShowsItAwaiting() {
        JsonNode reports = querySide.json("/api/plans/" + plan + "/activities/IV.8", Map.of()).get("reports");
        assertThat(reports.get(0).get("review").asText()).isEqualTo("RETURNED");
        assertThat(reports.get(0).get("reviewReason").asText()).isEqualTo("thiếu danh mục sản phẩm");
        assertThat(reports.get(1).get("answers").asText()).isEqualTo("r1");
        assertThat(reports.get(1).get("review").asText()).isEqualTo("ACCEPTED");
        JsonNode before = querySide.json("/api/plans/" + plan + "/activities/IV.8",
                Map.of("asOf", returnedAt.minus(Duration.ofDays(1)).toString())).get("reports");
        assertThat(before).hasSize(1);
        assertThat(before.get(0).get("review").asText()).isEqualTo("AWAITING_REVIEW");
    }

    @Test
    void theWorkloadCountsTheAnswerNotTheReturnedReportAndCountsTheNotice() {
        JsonNode yTe = agency(querySide.json("/api/plans/" + plan + "/workload", Map.of()), "so-y-te");
        assertThat(yTe.get("reportsSubmitted").asInt()).isEqualTo(1);
        assertThat(yTe.get("reportsReturned").asInt()).isEqualTo(1);
        assertThat(yTe.get("reportsAwaitingReview").asInt()).isZero();
        assertThat(yTe.get("urgingNotices").asInt()).isEqualTo(1);
        assertThat(yTe.get("lastUrgedOn").asText()).isEqualTo("2024-06-20");
        JsonNode earlier = agency(querySide.json("/api/plans/" + plan + "/workload",
                Map.of("asOf", returnedAt.minus(Duration.ofDays(1)).toString())), "so-y-te");
        assertThat(earlier.get("reportsAwaitingReview").asInt()).isEqualTo(1);
        assertThat(earlier.get("reportsReturned").asInt()).isZero();
    }

    @Test
    void theProposalListsWhatIsOverdueAndDueSoonWithTheLastNotice() {
        JsonNode soon = querySide.json("/api/plans/" + plan + "/agencies/so-y-te/urging-proposal",
                Map.of("on", "2024-09-20"));
        assertThat(soon.get("days").asInt()).isEqualTo(15);
        assertThat(soon.get("dueSoon").toString()).contains("\"code\":\"IV.8\"", "\"lastUrgedOn\":\"2024-06-20\"");
        assertThat(soon.get("overdue").toString()).doesNotContain("\"code\":\"IV.8\"");
        JsonNode late = querySide.json("/api/plans/" + plan + "/agencies/so-y-te/urging-proposal",
                Map.of("on", "2024-10-01", "days", "0"));
        assertThat(late.get("overdue").toString()).contains("\"code\":\"IV.8\"");
        assertThat(late.get("dueSoon").toString()).doesNotContain("IV.8");
        java.net.http.HttpResponse<String> refused = querySide.get("/api/plans/" + plan
                + "/agencies/no-such-agency/urging-proposal", Map.of());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("UNKNOWN_AGENCY", "agencyId");
    }

    @Test
    void theNoticesTheAgencyReceivedAndTheAuditTrailShowTheNotice() {
        JsonNode notices = querySide.json("/api/plans/" + plan + "/agencies/so-y-te/notices", Map.of());
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).get("documentNumber").asText()).isEqualTo("125/SNV-CCHC");
        assertThat(notices.get(0).get("milestones").get(0).get("overdue").asBoolean()).isFalse();
        assertThat(querySide.json("/api/plans/" + plan + "/agencies/so-y-te/notices",
                Map.of("validAt", "2024-06-19"))).isEmpty();
        JsonNode history = querySide.json("/api/plans/" + plan + "/activities/IV.8/history", Map.of("limit", "1000"));
        assertThat(history.toString()).contains("notices.125/SNV-CCHC.milestones", "m1 (due 2024-09-30)",
                "reports.r1.review", "RETURNED", "reports.r2.answers");
    }

    @Test
    void theInspectionReportSaysTheOverdueMilestoneWasUrgedBeforeItWasDue() {
        JsonNode report = querySide.json("/api/plans/" + plan + "/inspection-report",
                Map.of("agency", "so-y-te", "asOf", CUT_OFF.toString(), "format", "json"));
        JsonNode iv8 = null;
        for (JsonNode a : report.get("activities")) {
            if (a.get("code").asText().equals("IV.8")) {
                iv8 = a;
            }
        }
        assertThat(iv8).isNotNull();
        JsonNode m1 = iv8.get("milestones").get(0);
        assertThat(m1.get("overdueAtCutOff").asBoolean()).isTrue();
        assertThat(m1.get("urgedBeforeDue").asBoolean()).isTrue();
        assertThat(m1.get("notices").get(0).get("sentOn").asText()).isEqualTo("2024-06-20");
        assertThat(iv8.get("reports").get(0).get("review").asText()).isEqualTo("RETURNED");
        assertThat(iv8.get("reports").get(1).get("answers").asText()).isEqualTo("r1");
        JsonNode summary = report.get("summaries").get(0);
        assertThat(summary.get("reportsSubmitted").asInt()).isEqualTo(1);
        assertThat(summary.get("reportsReturned").asInt()).isEqualTo(1);
    }

    private static JsonNode agency(JsonNode workload, String agencyId) {
        for (JsonNode row : workload.get("agencies")) {
            if (row.get("agency").get("id").asText().equals(agencyId)) {
                return row;
            }
        }
        throw new AssertionError("no workload row for " + agencyId);
    }
}
