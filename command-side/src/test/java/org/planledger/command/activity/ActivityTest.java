package org.planledger.command.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.ActingAgency;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AssignActivity;
import org.planledger.shared.api.CancelActivity;
import org.planledger.shared.api.CompleteMilestone;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.RecordTrigger;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.api.RescheduleDeadline;
import org.planledger.shared.api.SubmitReport;
import org.planledger.shared.timeline.DueRule;

class ActivityTest {

    static final String ID = "sonla-cchc-2024/I.1";
    static final AgencyRef NOI_VU = new AgencyRef("so-noi-vu", "Sở Nội vụ");
    static final AgencyRef TU_PHAP = new AgencyRef("so-tu-phap", "Sở Tư pháp");
    static final AgencyRef Y_TE = new AgencyRef("so-y-te", "Sở Y tế");
    static final AgencyRef DEPARTMENTS = new AgencyRef("cac-so-ban-nganh", "Các sở, ban, ngành");
    static final DocumentRef BASIS = new DocumentRef("123/QĐ-UBND", LocalDate.of(2024, 5, 20));
    static final LocalDate JULY_END = LocalDate.of(2024, 7, 31);
    static final LocalDate TODAY = LocalDate.of(2024, 8, 15);

    private FixtureConfiguration<Activity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Activity.class);
    }

    static ActivityRegistered registered() {
        return new ActivityRegistered(ID, "sonla-cchc-2024", "I.1", "I", "Tổ chức đánh giá", List.of("Kế hoạch", "Quyết định"),
                "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024)", "");
    }

    static MilestoneScheduled m1() {
        return new MilestoneScheduled(ID, "m1", "Kế hoạch", "Kế hoạch (Tháng 7/2024)",
                new DueRule.EndOfMonth(YearMonth.of(2024, 7)), JULY_END);
    }

    static ActivityAssigned assigned() {
        return new ActivityAssigned(ID, NOI_VU, List.of(), List.of(DEPARTMENTS), null, List.of(), List.of(), "plan adopted", BASIS, BASIS.date());
    }

    @Test
    void assignActivityRecordsLeadCoordinatorsAndWhatWasBefore() {
        fixture.given(registered(), m1(), assigned())
                .when(new AssignActivity(ID, null, TU_PHAP, List.of(), List.of(NOI_VU), "reassigned", BASIS, BASIS.date()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ActivityAssigned(ID, TU_PHAP, List.of(), List.of(NOI_VU), NOI_VU, List.of(),
                        List.of(DEPARTMENTS), "reassigned", BASIS, BASIS.date()))
                .expectResultMessagePayload(3L);
    }

    @Test
    void jointLeadsLeadTogetherAndMayReport() {
        fixture.given(registered(), m1(),
                        new ActivityAssigned(ID, NOI_VU, List.of(Y_TE), List.of(), null, List.of(), List.of(), "r", BASIS, null))
                .when(new SubmitReport(ID, null, Y_TE, Set.of(), null, "2024", "annual", "9/BC", LocalDate.of(2024, 7, 1), TODAY, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotNameALeadAsCoordinator() {
        fixture.given(registered(), m1())
                .when(new AssignActivity(ID, null, NOI_VU, List.of(Y_TE), List.of(Y_TE), "r", BASIS, null))
                .expectNoEvents()
                .expectExceptionMessage("Sở Y tế cannot both lead and coordinate the activity");
    }

    @Test
    void cannotNameTheLeadAsCoordinator() {
        fixture.given(registered(), m1())
                .when(new AssignActivity(ID, null, NOI_VU, List.of(), List.of(NOI_VU), "r", BASIS, null))
                .expectNoEvents()
                .expectException(LedgerException.class)
                .expectExceptionMessage("Sở Nội vụ cannot both lead and coordinate the activity");
    }

    @Test
    void cannotAssignWithAStaleVersion() {
        fixture.given(registered(), m1(), assigned())
                .when(new AssignActivity(ID, 1L, TU_PHAP, List.of(), List.of(), "r", BASIS, null))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    @Test
    void rescheduleDeadlineMovesTheDueDateAndKeepsThePreviousOne() {
        LocalDate newDue = LocalDate.of(2024, 9, 30);
        fixture.given(registered(), m1(), assigned())
                .when(new RescheduleDeadline(ID, 2L, "m1", newDue, "waiting for guidance", BASIS, LocalDate.of(2024, 6, 1)))
                .expectEvents(new DeadlineRescheduled(ID, "m1", JULY_END, newDue, "waiting for guidance", BASIS,
                        LocalDate.of(2024, 6, 1)))
                .expectResultMessagePayload(3L);
    }

    @Test
    void newDueDateMustDiffer() {
        fixture.given(registered(), m1())
                .when(new RescheduleDeadline(ID, null, "m1", JULY_END, "same", BASIS, null))
                .expectNoEvents()
                .expectException(LedgerException.class)
                .expectExceptionMessage("milestone m1 is already due on 2024-07-31");
    }

    @Test
    void cannotRescheduleACompletedMilestone() {
        fixture.given(registered(), m1(), assigned(),
                        new MilestoneCompleted(ID, "m1", LocalDate.of(2024, 7, 20), null, JULY_END, true))
                .when(new RescheduleDeadline(ID, null, "m1", LocalDate.of(2024, 12, 31), "late", BASIS, null))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }

    @Test
    void cannotRescheduleACancelledActivity() {
        fixture.given(registered(), m1(), new ActivityCancelled(ID, "dropped", BASIS, BASIS.date()))
                .when(new RescheduleDeadline(ID, null, "m1", LocalDate.of(2024, 12, 31), "late", BASIS, null))
                .expectNoEvents()
                .expectExceptionMessage("activity " + ID + " is cancelled");
    }

    @Test
    void cannotRescheduleAnUnknownMilestone() {
        fixture.given(registered(), m1())
                .when(new RescheduleDeadline(ID, null, "m9", LocalDate.of(2024, 12, 31), "late", BASIS, null))
                .expectNoEvents()
                .expectException(LedgerException.class);
        fixture.given(registered(), m1())
                .when(new RescheduleDeadline(ID, null, "m9", LocalDate.of(2024, 12, 31), "late", BASIS, null))
                .expectException(org.hamcrest.Matchers.<Object>hasProperty("message",
                        org.hamcrest.Matchers.containsString("has no milestone m9")));
    }

    @Test
    void leadSubmitsAReportOnTime() {
        fixture.given(registered(), m1(), assigned())
                .when(new SubmitReport(ID, null, NOI_VU, Set.of(), "m1", null, "Kế hoạch đã ban hành", "45/KH-SNV",
                        LocalDate.of(2024, 7, 30), TODAY, null))
                .expectEvents(new ReportSubmitted(ID, "r1", NOI_VU, "m1", null, "Kế hoạch đã ban hành", "45/KH-SNV",
                        LocalDate.of(2024, 7, 30), JULY_END, true));
    }

    @Test
    void reportSentAfterTheDueDateIsLate() {
        fixture.given(registered(), m1(), assigned())
                .when(new SubmitReport(ID, null, NOI_VU, Set.of(), "m1", null, "late", "46/BC", LocalDate.of(2024, 8, 2), TODAY, null))
                .expectEvents(new ReportSubmitted(ID, "r1", NOI_VU, "m1", null, "late", "46/BC",
                        LocalDate.of(2024, 8, 2), JULY_END, false));
    }

    @Test
    void memberOfACoordinatingGroupMayReport() {
        fixture.given(registered(), m1(), assigned())
                .when(new SubmitReport(ID, null, Y_TE, Set.of("cac-so-ban-nganh"), null, "Q2/2024", "quarterly",
                        "12/BC-SYT", LocalDate.of(2024, 7, 1), TODAY, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReportSubmitted(ID, "r1", Y_TE, null, "Q2/2024", "quarterly", "12/BC-SYT",
                        LocalDate.of(2024, 7, 1), null, true));
    }

    @Test
    void reportOnlyFromTheLeadOrACoordinator() {
        fixture.given(registered(), m1(), assigned())
                .when(new SubmitReport(ID, null, Y_TE, Set.of(), "m1", null, "s", "1/BC", LocalDate.of(2024, 7, 1), TODAY, null))
                .expectNoEvents()
                .expectExceptionMessage("Sở Y tế neither leads nor coordinates activity " + ID);
    }

    @Test
    void noReportDatedInTheFuture() {
        fixture.given(registered(), m1(), assigned())
                .when(new SubmitReport(ID, null, NOI_VU, Set.of(), "m1", null, "s", "1/BC", TODAY.plusDays(1), TODAY, null))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }

    @Test
    void completeMilestoneOnTime() {
        fixture.given(registered(), m1(), assigned())
                .when(new CompleteMilestone(ID, null, "m1", LocalDate.of(2024, 7, 25), "Kế hoạch số 45", TODAY, null))
                .expectEvents(new MilestoneCompleted(ID, "m1", LocalDate.of(2024, 7, 25), "Kế hoạch số 45", JULY_END, true));
    }

    @Test
    void cannotCompleteAMilestoneTwice() {
        fixture.given(registered(), m1(), new MilestoneCompleted(ID, "m1", LocalDate.of(2024, 7, 25), null, JULY_END, true))
                .when(new CompleteMilestone(ID, null, "m1", LocalDate.of(2024, 7, 26), null, TODAY, null))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }

    @Test
    void officerOfTheLeadAgencyCompletesAMilestone() {
        fixture.given(registered(), m1(), assigned())
                .when(new CompleteMilestone(ID, null, "m1", LocalDate.of(2024, 7, 25), null, TODAY,
                        new ActingAgency("so-noi-vu", Set.of("cac-so-ban-nganh"))))
                .expectEvents(new MilestoneCompleted(ID, "m1", LocalDate.of(2024, 7, 25), null, JULY_END, true));
    }

    @Test
    void officerOfAMemberOfTheCoordinatingGroupCompletesAMilestone() {
        fixture.given(registered(), m1(), assigned())
                .when(new CompleteMilestone(ID, null, "m1", LocalDate.of(2024, 7, 25), null, TODAY,
                        new ActingAgency("so-y-te", Set.of("cac-so-ban-nganh"))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MilestoneCompleted(ID, "m1", LocalDate.of(2024, 7, 25), null, JULY_END, true));
    }

    @Test
    void officerOfAJointLeadCompletesAMilestone() {
        fixture.given(registered(), m1(),
                        new ActivityAssigned(ID, NOI_VU, List.of(Y_TE), List.of(), null, List.of(), List.of(), "r", BASIS, null))
                .when(new CompleteMilestone(ID, null, "m1", LocalDate.of(2024, 7, 25), null, TODAY,
                        new ActingAgency("so-y-te", Set.of("cac-so-ban-nganh"))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void officerOfAnAgencyNotOnTheActivityCannotCompleteItsMilestones() {
        fixture.given(registered(), m1(), new ActivityAssigned(ID, NOI_VU, List.of(), List.of(TU_PHAP), null, List.of(), List.of(), "r", BASIS, null))
                .when(new CompleteMilestone(ID, null, "m1", LocalDate.of(2024, 7, 25), null, TODAY,
                        new ActingAgency("so-y-te", Set.of("cac-so-ban-nganh"))))
                .expectNoEvents()
                .expectException(refused(ErrorCode.FORBIDDEN, "officer-agency-takes-part"));
    }

    @Test
    void officerCannotCompleteAMilestoneOfAnUnassignedActivity() {
        fixture.given(registered(), m1())
                .when(new CompleteMilestone(ID, null, "m1", LocalDate.of(2024, 7, 25), null, TODAY,
                        new ActingAgency("so-noi-vu", Set.of())))
                .expectNoEvents()
                .expectExceptionMessage("agency so-noi-vu neither leads nor coordinates activity " + ID
                        + ", so its officers may not complete milestones of it");
    }

    @Test
    void officerOfAnAgencyNotOnTheActivityCannotReportOnIt() {
        fixture.given(registered(), m1(), new ActivityAssigned(ID, NOI_VU, List.of(), List.of(TU_PHAP), null, List.of(), List.of(), "r", BASIS, null))
                .when(new SubmitReport(ID, null, Y_TE, Set.of("cac-so-ban-nganh"), "m1", null, "s", "1/BC",
                        LocalDate.of(2024, 7, 1), TODAY, new ActingAgency("so-y-te", Set.of("cac-so-ban-nganh"))))
                .expectNoEvents()
                .expectException(refused(ErrorCode.FORBIDDEN, "officer-agency-takes-part"));
    }

    @Test
    void aRefusedOfficerLearnsNothingAboutACancelledActivity() {
        fixture.given(registered(), m1(), assigned(), new ActivityCancelled(ID, "dropped", BASIS, BASIS.date()))
                .when(new CompleteMilestone(ID, null, "m1", LocalDate.of(2024, 7, 25), null, TODAY,
                        new ActingAgency("so-khoa-hoc-va-cong-nghe-not-member", Set.of())))
                .expectNoEvents()
                .expectException(refused(ErrorCode.FORBIDDEN, "officer-agency-takes-part"));
    }

    static MilestoneScheduled triggeredMilestone() {
        return new MilestoneScheduled(ID, "m2", "Báo cáo", "Báo cáo (sau khi Chính phủ ban hành Nghị quyết) 01 tháng",
                new DueRule.Triggered("Chính phủ ban hành Nghị quyết", java.time.Period.ofMonths(1)), null);
    }

    @Test
    void recordingTheTriggerFixesTheDueDateWithThePrintedOffset() {
        DocumentRef resolution = new DocumentRef("01/NQ-CP", LocalDate.of(2024, 1, 5));
        fixture.given(registered(), m1(), triggeredMilestone())
                .when(new RecordTrigger(ID, null, "m2", LocalDate.of(2024, 1, 5), resolution, "Nghị quyết 01"))
                .expectEvents(new MilestoneTriggered(ID, "m2", LocalDate.of(2024, 1, 5), resolution, "Nghị quyết 01",
                        null, LocalDate.of(2024, 2, 5)));
    }

    @Test
    void onlyATriggeredMilestoneTakesATrigger() {
        fixture.given(registered(), m1())
                .when(new RecordTrigger(ID, null, "m1", LocalDate.of(2024, 1, 5), BASIS, null))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }

    @Test
    void aTriggerIsRecordedOnce() {
        fixture.given(registered(), m1(), triggeredMilestone(),
                        new MilestoneTriggered(ID, "m2", LocalDate.of(2024, 1, 5), BASIS, null, null, LocalDate.of(2024, 2, 5)))
                .when(new RecordTrigger(ID, null, "m2", LocalDate.of(2024, 3, 1), BASIS, null))
                .expectNoEvents()
                .expectExceptionMessage("the trigger of milestone m2 was already recorded; move its date with a reschedule");
    }

    @Test
    void cancelActivity() {
        fixture.given(registered(), m1())
                .when(new CancelActivity(ID, null, "merged into I.2", BASIS, BASIS.date()))
                .expectEvents(new ActivityCancelled(ID, "merged into I.2", BASIS, BASIS.date()));
    }

    @Test
    void cannotCancelTwice() {
        fixture.given(registered(), m1(), new ActivityCancelled(ID, "dropped", BASIS, BASIS.date()))
                .when(new CancelActivity(ID, null, "again", BASIS, BASIS.date()))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }

    static org.hamcrest.Matcher<LedgerException> refused(ErrorCode code, String rule) {
        return new org.hamcrest.CustomTypeSafeMatcher<>("a LedgerException " + code + " with rule " + rule) {
            @Override
            protected boolean matchesSafely(LedgerException e) {
                return e.code() == code && rule.equals(e.rule());
            }
        };
    }

    @Test
    void ruleViolationsNameTheFieldAndRule() {
        LedgerException e = new LedgerException(ErrorCode.RULE_BROKEN, "newDue", "new-due-differs", "x");
        assertThat(e.code().status()).isEqualTo(422);
        assertThat(e.field()).isEqualTo("newDue");
    }
}
