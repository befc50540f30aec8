package org.planledger.shared.fold;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AgencyUrged;
import org.planledger.shared.api.ReviewOutcome;
import org.planledger.shared.timeline.DueRule;

/**
 * An activity as its events made it: the one state every read model derives its rows from ({@link ActivityFold}
 * builds it). Immutable; {@code version} is the sequence number of the last event applied. {@code milestones} are the
 * ones the timeline in force names; {@code withdrawnMilestones} the ones an amendment took out (kept as they stood).
 */
public record ActivityState(
        String activityId,
        String planId,
        String code,
        String section,
        String title,
        List<String> products,
        String timeline,
        String notes,
        Assignment assignment,
        List<MilestoneState> milestones,
        List<ReportState> reports,
        boolean cancelled,
        long version,
        List<MilestoneState> withdrawnMilestones,
        List<NoticeState> notices) {

    public ActivityState {
        withdrawnMilestones = withdrawnMilestones == null ? List.of() : List.copyOf(withdrawnMilestones);
        products = products == null ? List.of() : List.copyOf(products);
        notes = notes == null ? "" : notes;
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
        reports = reports == null ? List.of() : List.copyOf(reports);
        notices = notices == null ? List.of() : List.copyOf(notices);
    }

    /** An activity without withdrawn milestones or urging notices (as it is registered). */
    public ActivityState(String activityId, String planId, String code, String section, String title,
            List<String> products, String timeline, String notes, Assignment assignment, List<MilestoneState> milestones,
            List<ReportState> reports, boolean cancelled, long version) {
        this(activityId, planId, code, section, title, products, timeline, notes, assignment, milestones, reports,
                cancelled, version, List.of(), List.of());
    }

    /**
     * An urging notice an agency received about milestones of this activity, with each milestone's due date then
     * and whether it was overdue; {@code seq} is the sequence number of the event that recorded it.
     */
    public record NoticeState(AgencyRef agency, String documentNumber, LocalDate sentOn,
            List<AgencyUrged.UrgedMilestone> milestones, long seq) {
    }

    public enum Status { OPEN, COMPLETED, CANCELLED }

    /** Who leads (with any joint leads) and who coordinates. */
    public record Assignment(AgencyRef lead, List<AgencyRef> jointLeads, List<AgencyRef> coordinators) {

        public Assignment {
            jointLeads = jointLeads == null ? List.of() : List.copyOf(jointLeads);
            coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
        }
    }

    /**
     * A milestone: what it delivers, the printed text and rule it was read from, its first fixed due date
     * ({@code originalDue}, set when scheduled or, for a triggered one, when triggered), the due date in force, when
     * its trigger happened, and when it was completed (on time or not).
     */
    public record MilestoneState(String id, String product, String printed, DueRule rule, LocalDate originalDue,
            LocalDate due, LocalDate triggeredOn, LocalDate completedOn, Boolean completedOnTime) {

        public boolean completed() {
            return completedOn != null;
        }

        /** Its position in printed order: the number in its id ({@code m3} → 3). */
        public int position() {
            String digits = id.replaceAll("\\D", "");
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        }
    }

    /**
     * A report an agency sent, with the due date in force when it arrived and whether it was on time; {@code seq} is
     * the sequence number of the event that recorded it. {@code answers} names the returned report it answers;
     * {@code review} is null while it awaits review, else the outcome with its reason and day.
     */
    public record ReportState(String reportId, AgencyRef agency, String milestoneId, String period, String summary,
            String documentNumber, LocalDate sentOn, LocalDate dueInForce, boolean onTime, long seq, String answers,
            ReviewOutcome review, String reviewReason, LocalDate reviewedOn) {

        /** The review state as shown: AWAITING_REVIEW, ACCEPTED or RETURNED. */
        public String reviewState() {
            return review == null ? AWAITING_REVIEW : review.name();
        }

        /**
         * Whether the report counts in timeliness and the workload's figures: an accepted one does, and one awaiting
         * review does for now; a returned one does not (its answer counts instead).
         */
        public boolean counts() {
            return review != ReviewOutcome.RETURNED;
        }
    }

    /** The review state of a report nobody has reviewed yet. */
    public static final String AWAITING_REVIEW = "AWAITING_REVIEW";

    public Optional<ReportState> report(String reportId) {
        return reports.stream().filter(r -> r.reportId().equals(reportId)).findFirst();
    }

    public enum Role { LEAD, COORDINATOR }

    /**
     * An agency taking part: named in the assignment ({@code viaGroup} empty) or a member of a named group
     * ({@code viaGroup} is the group's id). Positions: the lead 0, joint leads 1…, coordinators 1… in printed order.
     */
    public record Participant(String agencyId, String agencyName, Role role, String viaGroup, int position) {

        public boolean direct() {
            return viaGroup.isEmpty();
        }
    }

    /** CANCELLED once cancelled; COMPLETED when it has milestones and every one is completed; else OPEN. */
    public Status status() {
        if (cancelled) {
            return Status.CANCELLED;
        }
        return !milestones.isEmpty() && milestones.stream().allMatch(MilestoneState::completed)
                ? Status.COMPLETED : Status.OPEN;
    }

    public Optional<MilestoneState> milestone(String milestoneId) {
        return milestones.stream().filter(m -> m.id().equals(milestoneId)).findFirst();
    }

    /** The ids of the agencies named in the assignment: lead, joint leads, coordinators. */
    public List<String> namedParticipantIds() {
        List<String> ids = new ArrayList<>();
        if (assignment != null) {
            ids.add(assignment.lead().id());
            assignment.jointLeads().forEach(a -> ids.add(a.id()));
            assignment.coordinators().forEach(a -> ids.add(a.id()));
        }
        return ids;
    }

    /** Every agency taking part, named or through a named group, in the order of the assignment. */
    public List<Participant> participants(AgencyDirectory directory) {
        List<Participant> all = new ArrayList<>();
        if (assignment == null) {
            return all;
        }
        add(all, directory, assignment.lead(), Role.LEAD, 0);
        for (int i = 0; i < assignment.jointLeads().size(); i++) {
            add(all, directory, assignment.jointLeads().get(i), Role.LEAD, i + 1);
        }
        for (int i = 0; i < assignment.coordinators().size(); i++) {
            add(all, directory, assignment.coordinators().get(i), Role.COORDINATOR, i + 1);
        }
        return all;
    }

    private static void add(List<Participant> all, AgencyDirectory directory, AgencyRef agency, Role role, int position) {
        all.add(new Participant(agency.id(), agency.name(), role, "", position));
        boolean inDirectory = directory.find(agency.id()).filter(a -> a.id().equals(agency.id())).isPresent();
        for (String memberId : inDirectory ? directory.memberIdsOf(agency.id()) : java.util.Set.<String>of()) {
            all.add(new Participant(memberId, directory.get(memberId).name(), role, agency.id(), position));
        }
    }

    ActivityState withAssignment(Assignment newAssignment, long seq) {
        return new ActivityState(activityId, planId, code, section, title, products, timeline, notes, newAssignment,
                milestones, reports, cancelled, seq, withdrawnMilestones, notices);
    }

    ActivityState withMilestones(List<MilestoneState> newMilestones, long seq) {
        return new ActivityState(activityId, planId, code, section, title, products, timeline, notes, assignment,
                newMilestones, reports, cancelled, seq, withdrawnMilestones, notices);
    }

    ActivityState withReports(List<ReportState> newReports, long seq) {
        return new ActivityState(activityId, planId, code, section, title, products, timeline, notes, assignment,
                milestones, newReports, cancelled, seq, withdrawnMilestones, notices);
    }

    ActivityState withText(String newTitle, List<String> newProducts, String newTimeline, long seq) {
        return new ActivityState(activityId, planId, code, section, newTitle, newProducts, newTimeline, notes, assignment,
                milestones, reports, cancelled, seq, withdrawnMilestones, notices);
    }

    ActivityState withWithdrawn(MilestoneState withdrawn, long seq) {
        List<MilestoneState> all = new ArrayList<>(withdrawnMilestones);
        all.add(withdrawn);
        return new ActivityState(activityId, planId, code, section, title, products, timeline, notes, assignment,
                milestones.stream().filter(m -> !m.id().equals(withdrawn.id())).toList(), reports, cancelled, seq, all,
                notices);
    }

    ActivityState withCancelled(long seq) {
        return new ActivityState(activityId, planId, code, section, title, products, timeline, notes, assignment,
                milestones, reports, true, seq, withdrawnMilestones, notices);
    }

    ActivityState withNotices(List<NoticeState> newNotices, long seq) {
        return new ActivityState(activityId, planId, code, section, title, products, timeline, notes, assignment,
                milestones, reports, cancelled, seq, withdrawnMilestones, newNotices);
    }
}
