package org.planledger.command.activity;

import static org.planledger.command.activity.ActivityTest.ID;
import static org.planledger.command.activity.ActivityTest.JULY_END;
import static org.planledger.command.activity.ActivityTest.NOI_VU;
import static org.planledger.command.activity.ActivityTest.TODAY;
import static org.planledger.command.activity.ActivityTest.Y_TE;
import static org.planledger.command.activity.ActivityTest.assigned;
import static org.planledger.command.activity.ActivityTest.m1;
import static org.planledger.command.activity.ActivityTest.refused;
import static org.planledger.command.activity.ActivityTest.registered;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.ReportReviewed;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.api.ReviewOutcome;
import org.planledger.shared.api.ReviewReport;
import org.planledger.shared.api.SubmitReport;

/** A plan keeper accepts a report or returns it with a reason; a returned report is answered by a new one. */
class ReportReviewTest {

    static final LocalDate SENT = LocalDate.of(2024, 7, 30);

    private FixtureConfiguration<Activity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Activity.class);
    }

    static ReportSubmitted r1() {
        return new ReportSubmitted(ID, "r1", NOI_VU, "m1", null, "Kế hoạch đã ban hành", "45/KH-SNV", SENT, JULY_END, true);
    }

    static ReportReviewed returned(String reportId) {
        return new ReportReviewed(ID, reportId, ReviewOutcome.RETURNED, "thiếu danh mục", TODAY);
    }

    static SubmitReport answer(String milestoneId, String answers) {
        return new SubmitReport(ID, null, NOI_VU, Set.of(), milestoneId, milestoneId == null ? "2024" : null,
                "bổ sung danh mục", "47/KH-SNV", TODAY, TODAY, null, answers);
    }

    @Test
    void planKeeperAcceptsASubmittedReport() {
        fixture.given(registered(), m1(), assigned(), r1())
                .when(new ReviewReport(ID, null, "r1", ReviewOutcome.ACCEPTED, null, TODAY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReportReviewed(ID, "r1", ReviewOutcome.ACCEPTED, "", TODAY))
                .expectResultMessagePayload(4L);
    }

    @Test
    void planKeeperReturnsAReportWithItsReason() {
        fixture.given(registered(), m1(), assigned(), r1())
                .when(new ReviewReport(ID, null, "r1", ReviewOutcome.RETURNED, "thiếu danh mục", TODAY))
                .expectEvents(returned("r1"));
    }

    @Test
    void aReturnedReportNeedsAReason() {
        fixture.given(registered(), m1(), assigned(), r1())
                .when(new ReviewReport(ID, null, "r1", ReviewOutcome.RETURNED, " ", TODAY))
                .expectNoEvents()
                .expectException(refused(ErrorCode.INVALID_FIELD, "reason-when-returned"));
    }

    @Test
    void cannotReviewAReportTwice() {
        fixture.given(registered(), m1(), assigned(), r1(), returned("r1"))
                .when(new ReviewReport(ID, null, "r1", ReviewOutcome.ACCEPTED, null, TODAY))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "review-once"));
    }

    @Test
    void cannotReviewAnUnknownReport() {
        fixture.given(registered(), m1(), assigned(), r1())
                .when(new ReviewReport(ID, null, "r7", ReviewOutcome.ACCEPTED, null, TODAY))
                .expectNoEvents()
                .expectException(refused(ErrorCode.UNKNOWN_REPORT, "report-exists"));
    }

    @Test
    void cannotReviewAReportOfACancelledActivity() {
        fixture.given(registered(), m1(), assigned(), r1(), new ActivityCancelled(ID, "dropped", null, TODAY))
                .when(new ReviewReport(ID, null, "r1", ReviewOutcome.ACCEPTED, null, TODAY))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "activity-not-cancelled"));
    }

    @Test
    void aReturnedReportIsAnsweredByANewSubmissionThatPointsToIt() {
        fixture.given(registered(), m1(), assigned(), r1(), returned("r1"))
                .when(answer("m1", "r1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReportSubmitted(ID, "r2", NOI_VU, "m1", null, "bổ sung danh mục", "47/KH-SNV", TODAY,
                        JULY_END, false, "r1"));
    }

    @Test
    void cannotAnswerAReportAwaitingReview() {
        fixture.given(registered(), m1(), assigned(), r1())
                .when(answer("m1", "r1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "answers-returned-report"));
    }

    @Test
    void cannotAnswerAnAcceptedReport() {
        fixture.given(registered(), m1(), assigned(), r1(), new ReportReviewed(ID, "r1", ReviewOutcome.ACCEPTED, "", TODAY))
                .when(answer("m1", "r1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "answers-returned-report"));
    }

    @Test
    void cannotAnswerAnUnknownReport() {
        fixture.given(registered(), m1(), assigned(), r1())
                .when(answer("m1", "r9"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.UNKNOWN_REPORT, "report-exists"));
    }

    @Test
    void aReturnedReportIsAnsweredOnce() {
        fixture.given(registered(), m1(), assigned(), r1(), returned("r1"),
                        new ReportSubmitted(ID, "r2", NOI_VU, "m1", null, "s", "47/KH-SNV", TODAY, JULY_END, false, "r1"))
                .when(answer("m1", "r1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "answer-once"));
    }

    @Test
    void onlyTheAgencyThatSentAReportAnswersIt() {
        fixture.given(registered(), m1(), assigned(), r1(), returned("r1"))
                .when(new SubmitReport(ID, null, Y_TE, Set.of("cac-so-ban-nganh"), "m1", null, "s", "1/BC-SYT", TODAY,
                        TODAY, null, "r1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "answers-own-report"));
    }

    @Test
    void theAnswerIsForTheSameMilestoneOrPeriod() {
        fixture.given(registered(), m1(), assigned(), r1(), returned("r1"))
                .when(answer(null, "r1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "answers-same-subject"));
    }
}
