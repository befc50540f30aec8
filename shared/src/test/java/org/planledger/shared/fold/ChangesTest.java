package org.planledger.shared.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planledger.shared.fold.ActivityFoldTest.ASSIGNED;
import static org.planledger.shared.fold.ActivityFoldTest.HUYEN;
import static org.planledger.shared.fold.ActivityFoldTest.ID;
import static org.planledger.shared.fold.ActivityFoldTest.JULY;
import static org.planledger.shared.fold.ActivityFoldTest.M1;
import static org.planledger.shared.fold.ActivityFoldTest.M2;
import static org.planledger.shared.fold.ActivityFoldTest.NOI_VU;
import static org.planledger.shared.fold.ActivityFoldTest.REGISTERED;
import static org.planledger.shared.fold.ActivityFoldTest.Y_TE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportSubmitted;

/** Every event type reads as the difference it made, before → after. */
class ChangesTest {

    /** The change the last event made after the ones before it. */
    private static List<String> last(ActivityEvent... events) {
        List<ActivityEvent> history = new ArrayList<>(List.of(events));
        ActivityEvent last = history.remove(history.size() - 1);
        ActivityState before = ActivityFold.fold(history);
        ActivityState after = ActivityFold.apply(before, last, history.size());
        return Changes.between(before, after).stream().map(FieldChange::text).toList();
    }

    @Test
    void aRegistrationShowsThePrintedCellsAndTheStatus() {
        assertThat(last(REGISTERED)).containsExactly("code: — → IV.9", "section: — → IV", "title: — → Kế hoạch",
                "products: — → Kế hoạch; Báo cáo",
                "timeline: — → - Kế hoạch (tháng 7/2024); - sau khi Bộ ban hành hướng dẫn 01 tháng", "status: — → OPEN");
    }

    @Test
    void aScheduledMilestoneShowsItsProductPrintedTextAndDueDate() {
        assertThat(last(REGISTERED, M1)).containsExactly("milestones.m1.product: — → Kế hoạch",
                "milestones.m1.printed: — → tháng 7/2024", "milestones.m1.due: — → 2024-07-31");
    }

    @Test
    void aRescheduleReadsAsTheMilestoneDueDateBeforeAndAfter() {
        assertThat(last(REGISTERED, M1, new DeadlineRescheduled(ID, "m1", JULY, LocalDate.of(2024, 12, 31), "chờ",
                new DocumentRef("1/UBND", LocalDate.of(2024, 6, 1)), LocalDate.of(2024, 6, 1))))
                .containsExactly("milestones.m1.due: 2024-07-31 → 2024-12-31");
    }

    @Test
    void aTriggerShowsTheDueDateItFixedAndWhenTheTriggerHappened() {
        assertThat(last(REGISTERED, M1, M2, new MilestoneTriggered(ID, "m2", LocalDate.of(2024, 4, 10), null, "x", null,
                LocalDate.of(2024, 5, 10)))).containsExactly("milestones.m2.due: — → 2024-05-10",
                        "milestones.m2.originalDue: — → 2024-05-10", "milestones.m2.triggeredOn: — → 2024-04-10");
    }

    @Test
    void aFirstAssignmentHasNothingBefore() {
        assertThat(last(REGISTERED, new ActivityAssigned(ID, NOI_VU, List.of(), List.of(HUYEN), null, List.of(),
                List.of(), "giao", null, null)))
                .containsExactly("lead: — → Sở Nội vụ", "coordinators: — → UBND các huyện, thành phố");
    }

    @Test
    void aReassignmentNamesOnlyTheFieldsThatChangedByAgencyName() {
        assertThat(last(REGISTERED, ASSIGNED, new ActivityAssigned(ID, Y_TE, List.of(NOI_VU), List.of(HUYEN), NOI_VU,
                List.of(Y_TE), List.of(HUYEN), "điều chỉnh", null, null)))
                .containsExactly("lead: Sở Nội vụ → Sở Y tế", "jointLeads: Sở Y tế → Sở Nội vụ");
    }

    @Test
    void jointLeadsAreAFieldOfTheirOwn() {
        assertThat(last(REGISTERED, new ActivityAssigned(ID, NOI_VU, List.of(), List.of(), null, List.of(), List.of(),
                "giao", null, null), new ActivityAssigned(ID, NOI_VU, List.of(Y_TE), List.of(), NOI_VU, List.of(),
                List.of(), "điều chỉnh", null, null))).containsExactly("jointLeads: — → Sở Y tế");
    }

    @Test
    void aReportShowsWhoSentWhatForWhichMilestoneAndWhetherOnTime() {
        assertThat(last(REGISTERED, M1, ASSIGNED, new ReportSubmitted(ID, "r1", NOI_VU, "m1", null, "đã làm", "1/BC",
                LocalDate.of(2024, 7, 20), JULY, true))).containsExactly("reports.r1.agency: — → Sở Nội vụ",
                        "reports.r1.milestone: — → m1", "reports.r1.summary: — → đã làm",
                        "reports.r1.documentNumber: — → 1/BC", "reports.r1.sentOn: — → 2024-07-20",
                        "reports.r1.dueInForce: — → 2024-07-31", "reports.r1.onTime: — → true");
    }

    @Test
    void completingTheLastMilestoneCompletesTheActivityToo() {
        assertThat(last(REGISTERED, M1, new MilestoneCompleted(ID, "m1", LocalDate.of(2024, 7, 20), "xong", JULY, true)))
                .containsExactly("milestones.m1.status: OPEN → COMPLETED", "milestones.m1.completedOn: — → 2024-07-20",
                        "milestones.m1.completedOnTime: — → true", "status: OPEN → COMPLETED");
    }

    @Test
    void aCancellationShowsTheStatusItEnded() {
        assertThat(last(REGISTERED, M1, new MilestoneCompleted(ID, "m1", JULY, "xong", JULY, true),
                new ActivityCancelled(ID, "thôi", null, null))).containsExactly("status: COMPLETED → CANCELLED");
    }

    @Test
    void planEventsReadAsWhatTheyAddToThePlan() {
        assertThat(Changes.of(new PlanCreated("p", "Kế hoạch", 2024, new DocumentRef("2880/QĐ-UBND", null))))
                .extracting(FieldChange::text).containsExactly("title: — → Kế hoạch", "year: — → 2024",
                        "decision: — → 2880/QĐ-UBND");
        assertThat(Changes.of(new ActivityAddedToPlan("p", "IV.9", ID))).extracting(FieldChange::text)
                .containsExactly("activities.IV.9: — → p/IV.9");
    }
}
