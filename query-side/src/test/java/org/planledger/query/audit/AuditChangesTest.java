package org.planledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.planledger.query.audit.AuditChanges.FieldChange;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.MilestoneCompleted;

class AuditChangesTest {

    private static final AgencyRef Y_TE = new AgencyRef("so-y-te", "Sở Y tế");
    private static final AgencyRef NOI_VU = new AgencyRef("so-noi-vu", "Sở Nội vụ");
    private static final AgencyRef HUYEN = new AgencyRef("ubnd-cap-huyen", "UBND các huyện, thành phố");

    @Test
    void aRescheduleReadsAsTheMilestoneDueDateBeforeAndAfter() {
        List<FieldChange> changes = AuditChanges.of(new DeadlineRescheduled("p/IV.8", "m2", LocalDate.of(2024, 9, 30),
                LocalDate.of(2024, 12, 31), "chờ", new DocumentRef("1/UBND", LocalDate.of(2024, 6, 1)),
                LocalDate.of(2024, 6, 1)), null);

        assertThat(changes).extracting(FieldChange::text).containsExactly("milestones.m2.due: 2024-09-30 → 2024-12-31");
    }

    @Test
    void aReassignmentNamesOnlyTheFieldsThatChangedByAgencyName() {
        List<FieldChange> changes = AuditChanges.of(new ActivityAssigned("p/IV.8", NOI_VU, List.of(), List.of(HUYEN), Y_TE,
                List.of(), List.of(HUYEN), "điều chỉnh", null, null), null);

        assertThat(changes).extracting(FieldChange::text).containsExactly("lead: Sở Y tế → Sở Nội vụ");
    }

    @Test
    void jointLeadsAreAFieldOfTheirOwn() {
        List<FieldChange> changes = AuditChanges.of(new ActivityAssigned("p/VII.5", NOI_VU, List.of(Y_TE), List.of(),
                NOI_VU, List.of(), List.of(), "điều chỉnh", null, null), null);

        assertThat(changes).extracting(FieldChange::text).containsExactly("jointLeads: — → Sở Y tế");
    }

    @Test
    void aFirstAssignmentHasNothingBefore() {
        List<FieldChange> changes = AuditChanges.of(new ActivityAssigned("p/I.1", NOI_VU, List.of(), List.of(HUYEN), null,
                List.of(), List.of(), "giao", null, null), null);

        assertThat(changes).extracting(FieldChange::text)
                .containsExactly("lead: — → Sở Nội vụ", "coordinators: — → UBND các huyện, thành phố");
    }

    @Test
    void aCompletionMovesTheMilestoneFromOpenToCompleted() {
        List<FieldChange> changes = AuditChanges.of(new MilestoneCompleted("p/I.1", "m1", LocalDate.of(2024, 7, 20),
                "xong", LocalDate.of(2024, 7, 31), true), null);

        assertThat(changes).extracting(FieldChange::text).containsExactly("milestones.m1.status: OPEN → COMPLETED",
                "milestones.m1.completedOn: — → 2024-07-20", "milestones.m1.completedOnTime: — → true");
    }

    @Test
    void aCancellationShowsTheStatusItEnded() {
        List<FieldChange> changes = AuditChanges.of(new ActivityCancelled("p/I.1", "thôi", null, null), "COMPLETED");

        assertThat(changes).extracting(FieldChange::text).containsExactly("status: COMPLETED → CANCELLED");
    }
}
