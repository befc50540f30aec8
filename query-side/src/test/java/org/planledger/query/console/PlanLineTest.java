package org.planledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.query.plan.PlanQueries.Agency;
import org.planledger.query.plan.PlanQueries.Milestone;

class PlanLineTest {

    static final LocalDate DAY = LocalDate.of(2024, 9, 16);

    static Milestone open(String id, LocalDate due) {
        return new Milestone(id, "p", due, due, "printed", null, "OPEN", null, null);
    }

    static Milestone done(String id, LocalDate due) {
        return new Milestone(id, "p", due, due, "printed", null, "COMPLETED", due, true);
    }

    static ActivityView activity(String status, Milestone... milestones) {
        return new ActivityView("IV.8", "IV", "t", null, "Quý III/2024", "", new Agency("so-y-te", "Sở Y tế"),
                List.of(new Agency("so-noi-vu", "Sở Nội vụ")), List.of(new Agency("ubnd-cap-huyen", "UBND cấp huyện")),
                status, 3, List.of(milestones), null, null, null);
    }

    @Test
    void anOpenMilestonePastDueMakesTheActivityOverdue() {
        PlanLine line = PlanLine.of(activity("ACTIVE", open("m1", DAY.minusDays(1)), open("m2", DAY.plusDays(90))), DAY, 2);
        assertThat(line.status()).isEqualTo("overdue");
        assertThat(line.nextDue()).isEqualTo(DAY.minusDays(1));
        assertThat(line.reschedules()).isEqualTo(2);
    }

    @Test
    void dueWithinThirtyDaysIsDueSoonAndLaterIsOnTrack() {
        assertThat(PlanLine.of(activity("ACTIVE", open("m1", DAY.plusDays(30))), DAY, 0).status()).isEqualTo("due-soon");
        assertThat(PlanLine.of(activity("ACTIVE", open("m1", DAY.plusDays(31))), DAY, 0).status()).isEqualTo("on-track");
        assertThat(PlanLine.of(activity("ACTIVE", open("m1", null)), DAY, 0).status()).isEqualTo("on-track");
    }

    @Test
    void completedOnlyWhenEveryMilestoneIsAndCancelledAboveAll() {
        assertThat(PlanLine.of(activity("ACTIVE", done("m1", DAY.minusDays(9)), done("m2", DAY)), DAY, 0).status())
                .isEqualTo("completed");
        assertThat(PlanLine.of(activity("ACTIVE", done("m1", DAY.minusDays(9)), open("m2", DAY.minusDays(1))), DAY, 0)
                .status()).isEqualTo("overdue");
        assertThat(PlanLine.of(activity("CANCELLED", open("m1", DAY.minusDays(1))), DAY, 0).status()).isEqualTo("cancelled");
    }

    @Test
    void agenciesNamedAreTheLeadJointLeadsAndCoordinators() {
        assertThat(PlanLine.of(activity("ACTIVE"), DAY, 0).agencyIds())
                .containsExactly("so-y-te", "so-noi-vu", "ubnd-cap-huyen");
    }
}
