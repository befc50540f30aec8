package org.planledger.shared.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.fold.ActivityState.Participant;
import org.planledger.shared.fold.ActivityState.Role;
import org.planledger.shared.fold.ActivityState.Status;
import org.planledger.shared.timeline.DueRule;

class ActivityFoldTest {

    static final String ID = "p/IV.9";
    static final AgencyRef NOI_VU = new AgencyRef("so-noi-vu", "Sở Nội vụ");
    static final AgencyRef Y_TE = new AgencyRef("so-y-te", "Sở Y tế");
    static final AgencyRef HUYEN = new AgencyRef("ubnd-cap-huyen", "UBND các huyện, thành phố");
    static final LocalDate JULY = LocalDate.of(2024, 7, 31);

    static final ActivityRegistered REGISTERED = new ActivityRegistered(ID, "p", "IV.9", "IV", "Kế hoạch",
            List.of("Kế hoạch", "Báo cáo"), "- Kế hoạch (tháng 7/2024); - sau khi Bộ ban hành hướng dẫn 01 tháng", null);
    static final MilestoneScheduled M1 = new MilestoneScheduled(ID, "m1", "Kế hoạch", "tháng 7/2024",
            new DueRule.EndOfMonth(java.time.YearMonth.of(2024, 7)), JULY);
    static final MilestoneScheduled M2 = new MilestoneScheduled(ID, "m2", "Báo cáo", "sau khi Bộ ban hành hướng dẫn",
            new DueRule.Triggered("Bộ ban hành hướng dẫn", Period.ofMonths(1)), null);
    static final ActivityAssigned ASSIGNED = new ActivityAssigned(ID, NOI_VU, List.of(Y_TE), List.of(HUYEN), null,
            List.of(), List.of(), "giao", null, null);

    static ActivityState fold(ActivityEvent... events) {
        return ActivityFold.fold(List.of(events));
    }

    @Test
    void registrationGivesAnOpenActivityWithThePrintedCellsAndNoMilestonesYet() {
        ActivityState state = fold(REGISTERED);

        assertThat(state.code()).isEqualTo("IV.9");
        assertThat(state.products()).containsExactly("Kế hoạch", "Báo cáo");
        assertThat(state.notes()).isEmpty();
        assertThat(state.milestones()).isEmpty();
        assertThat(state.status()).isEqualTo(Status.OPEN);
        assertThat(state.version()).isZero();
    }

    @Test
    void aTriggerFixesTheDueDateAndTheOriginalDueDateOfATriggeredMilestone() {
        ActivityState state = fold(REGISTERED, M1, M2, new MilestoneTriggered(ID, "m2", LocalDate.of(2024, 4, 10),
                new DocumentRef("12/2024/TT-BKHCN", LocalDate.of(2024, 4, 10)), "x", null, LocalDate.of(2024, 5, 10)));

        assertThat(state.milestone("m2").orElseThrow()).satisfies(m -> {
            assertThat(m.due()).isEqualTo(LocalDate.of(2024, 5, 10));
            assertThat(m.originalDue()).isEqualTo(LocalDate.of(2024, 5, 10));
            assertThat(m.triggeredOn()).isEqualTo(LocalDate.of(2024, 4, 10));
        });
        assertThat(state.version()).isEqualTo(3);
    }

    @Test
    void aRescheduleMovesTheDueDateAndKeepsTheOriginal() {
        ActivityState state = fold(REGISTERED, M1, new DeadlineRescheduled(ID, "m1", JULY, LocalDate.of(2024, 8, 31),
                "chờ", null, null));

        assertThat(state.milestone("m1").orElseThrow().due()).isEqualTo(LocalDate.of(2024, 8, 31));
        assertThat(state.milestone("m1").orElseThrow().originalDue()).isEqualTo(JULY);
    }

    @Test
    void theActivityIsCompletedWhenEveryMilestoneIsAndCancelledOverridesIt() {
        ActivityState completed = fold(REGISTERED, M1, new MilestoneCompleted(ID, "m1", JULY, "xong", JULY, true));
        assertThat(completed.status()).isEqualTo(Status.COMPLETED);
        assertThat(completed.milestone("m1").orElseThrow().completedOnTime()).isTrue();

        ActivityState half = fold(REGISTERED, M1, M2, new MilestoneCompleted(ID, "m1", JULY, "xong", JULY, true));
        assertThat(half.status()).isEqualTo(Status.OPEN);

        assertThat(fold(REGISTERED, M1, new MilestoneCompleted(ID, "m1", JULY, "xong", JULY, true),
                new ActivityCancelled(ID, "thôi", null, null)).status()).isEqualTo(Status.CANCELLED);
    }

    @Test
    void participantsAreTheLeadTheJointLeadsTheCoordinatorsAndTheMembersOfNamedGroups() {
        ActivityState state = fold(REGISTERED, M1, ASSIGNED);
        AgencyDirectory directory = AgencyDirectory.standard();

        List<Participant> participants = state.participants(directory);

        assertThat(state.namedParticipantIds()).containsExactly("so-noi-vu", "so-y-te", "ubnd-cap-huyen");
        assertThat(participants).filteredOn(Participant::direct).extracting(Participant::agencyId, Participant::role,
                Participant::position).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("so-noi-vu", Role.LEAD, 0),
                        org.assertj.core.groups.Tuple.tuple("so-y-te", Role.LEAD, 1),
                        org.assertj.core.groups.Tuple.tuple("ubnd-cap-huyen", Role.COORDINATOR, 1));
        assertThat(participants).filteredOn(p -> !p.direct())
                .hasSize(directory.memberIdsOf("ubnd-cap-huyen").size())
                .allSatisfy(p -> assertThat(p.viaGroup()).isEqualTo("ubnd-cap-huyen"));
    }

    @Test
    void reportsAreKeptInTheOrderTheyWereSubmittedWithTheEventThatRecordedThem() {
        ActivityState state = fold(REGISTERED, M1, ASSIGNED, new ReportSubmitted(ID, "r1", NOI_VU, "m1", null, "đã làm",
                "1/BC", LocalDate.of(2024, 8, 2), JULY, false));

        assertThat(state.reports()).singleElement().satisfies(r -> {
            assertThat(r.onTime()).isFalse();
            assertThat(r.seq()).isEqualTo(3);
        });
    }

    @Test
    void aHistoryThatCannotBeIsRefusedNotPassedOver() {
        assertThatThrownBy(() -> fold(M1)).hasMessageContaining("before the activity was registered");
        assertThatThrownBy(() -> fold(REGISTERED, new DeadlineRescheduled(ID, "m9", null, JULY, "x", null, null)))
                .hasMessageContaining("no milestone m9");
        assertThatThrownBy(() -> fold(REGISTERED, REGISTERED)).hasMessageContaining("registered twice");
    }
}
