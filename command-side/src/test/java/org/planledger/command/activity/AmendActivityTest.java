package org.planledger.command.activity;

import static org.planledger.command.activity.ActivityTest.BASIS;
import static org.planledger.command.activity.ActivityTest.ID;
import static org.planledger.command.activity.ActivityTest.JULY_END;
import static org.planledger.command.activity.ActivityTest.assigned;
import static org.planledger.command.activity.ActivityTest.m1;
import static org.planledger.command.activity.ActivityTest.refused;
import static org.planledger.command.activity.ActivityTest.registered;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.ActivityAmended;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.AmendActivity;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneWithdrawn;
import org.planledger.shared.api.RescheduleDeadline;
import org.planledger.shared.timeline.DueRule;

class AmendActivityTest {

    static final String TIMELINE = "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024)";
    static final List<String> PRODUCTS = List.of("Kế hoạch", "Quyết định");
    static final LocalDate ON = LocalDate.of(2024, 6, 15);

    private FixtureConfiguration<Activity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Activity.class);
    }

    static MilestoneScheduled m2() {
        return new MilestoneScheduled(ID, "m2", "Quyết định", "Quyết định (tháng 9/2024)",
                new DueRule.EndOfMonth(YearMonth.of(2024, 9)), LocalDate.of(2024, 9, 30));
    }

    static AmendActivity amend(Long version, String title, List<String> products, String timeline) {
        return new AmendActivity(ID, version, title, products, timeline, "điều chỉnh", BASIS, ON, 2024);
    }

    @Test
    void amendedTimelineKeepsTheMilestonesItStillNamesWithdrawsTheRestAndSchedulesNewOnes() {
        String timeline = "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 11/2024)";
        fixture.given(registered(), m1(), m2(), assigned())
                .when(amend(3L, null, null, timeline))
                .expectEvents(
                        new ActivityAmended(ID, "Tổ chức đánh giá", PRODUCTS, timeline, "Tổ chức đánh giá", PRODUCTS,
                                TIMELINE, "điều chỉnh", BASIS, ON),
                        new MilestoneWithdrawn(ID, "m2", LocalDate.of(2024, 9, 30), "điều chỉnh", BASIS, ON),
                        new MilestoneScheduled(ID, "m3", "Quyết định", "Quyết định (tháng 11/2024)",
                                new DueRule.EndOfMonth(YearMonth.of(2024, 11)), LocalDate.of(2024, 11, 30)))
                .expectResultMessagePayload(6L);
    }

    @Test
    void aKeptMilestoneKeepsItsRescheduledDueDate() {
        fixture.given(registered(), m1(), m2(),
                        new DeadlineRescheduled(ID, "m1", JULY_END, LocalDate.of(2024, 8, 31), "r", BASIS, null))
                .when(amend(null, "Tổ chức đánh giá năm 2024", null, null))
                .expectEvents(new ActivityAmended(ID, "Tổ chức đánh giá năm 2024", PRODUCTS, TIMELINE,
                        "Tổ chức đánh giá", PRODUCTS, TIMELINE, "điều chỉnh", BASIS, ON));
        fixture.given(registered(), m1(), m2(),
                        new DeadlineRescheduled(ID, "m1", JULY_END, LocalDate.of(2024, 8, 31), "r", BASIS, null),
                        new ActivityAmended(ID, "Tổ chức đánh giá năm 2024", PRODUCTS, TIMELINE, "Tổ chức đánh giá",
                                PRODUCTS, TIMELINE, "điều chỉnh", BASIS, ON))
                .when(new RescheduleDeadline(ID, null, "m1", LocalDate.of(2024, 8, 31), "same", BASIS, null))
                .expectException(refused(ErrorCode.RULE_BROKEN, "new-due-differs"));
    }

    @Test
    void aWithdrawnMilestoneTakesNoMoreChanges() {
        fixture.given(registered(), m1(), m2(), new MilestoneWithdrawn(ID, "m2", null, "r", BASIS, ON))
                .when(new RescheduleDeadline(ID, null, "m2", LocalDate.of(2024, 12, 31), "late", BASIS, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.UNKNOWN_MILESTONE, "milestone-exists"));
    }

    @Test
    void aNewMilestoneIsNumberedAfterEveryOneEverScheduled() {
        fixture.given(registered(), m1(), m2(),
                        new MilestoneWithdrawn(ID, "m2", LocalDate.of(2024, 9, 30), "r", BASIS, ON))
                .when(amend(null, null, null, "- Kế hoạch (Tháng 7/2024) Quyết định (quý IV/2024)"))
                .expectEvents(new ActivityAmended(ID, "Tổ chức đánh giá", PRODUCTS,
                                "- Kế hoạch (Tháng 7/2024) Quyết định (quý IV/2024)", "Tổ chức đánh giá", PRODUCTS,
                                TIMELINE, "điều chỉnh", BASIS, ON),
                        new MilestoneScheduled(ID, "m3", "Quyết định", "Quyết định (quý IV/2024)",
                                new DueRule.EndOfQuarter(2024, 4), LocalDate.of(2024, 12, 31)));
    }

    @Test
    void cannotAmendToWhatTheActivityAlreadySays() {
        fixture.given(registered(), m1(), m2())
                .when(amend(null, "Tổ chức đánh giá", PRODUCTS, TIMELINE))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "amendment-changes"));
    }

    @Test
    void cannotWithdrawACompletedMilestone() {
        fixture.given(registered(), m1(), m2(), new MilestoneCompleted(ID, "m1", JULY_END, null, JULY_END, true))
                .when(amend(null, null, null, "Quyết định (tháng 9/2024)"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "completed-milestone-kept"));
    }

    @Test
    void cannotAmendToAnUnreadableTimeline() {
        fixture.given(registered(), m1(), m2())
                .when(amend(null, null, null, "khi nào xong thì báo"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "timeline-readable"));
    }

    @Test
    void cannotAmendACancelledActivity() {
        fixture.given(registered(), m1(), new ActivityCancelled(ID, "dropped", BASIS, BASIS.date()))
                .when(amend(null, "Tổ chức đánh giá lại", null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "activity-not-cancelled"));
    }

    @Test
    void cannotAmendWithAStaleVersion() {
        fixture.given(registered(), m1(), m2(), assigned())
                .when(amend(1L, "Tổ chức đánh giá lại", null, null))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }
}
