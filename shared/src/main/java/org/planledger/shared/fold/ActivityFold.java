package org.planledger.shared.fold;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.planledger.shared.api.ActivityAmended;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyUrged;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.MilestoneWithdrawn;
import org.planledger.shared.api.ReportReviewed;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.fold.ActivityState.Assignment;
import org.planledger.shared.fold.ActivityState.MilestoneState;
import org.planledger.shared.fold.ActivityState.NoticeState;
import org.planledger.shared.fold.ActivityState.ReportState;

/**
 * The one fold of an activity's history: each event applied to the state before it gives the state after it. Every
 * read model (current plan, point in time, audit trail) and every test oracle derives from this fold, so they cannot
 * disagree about what an event did. Events carry the outcome of the decision; the fold applies it and re-checks no
 * business rule. It refuses only a history that cannot be (an event for an activity or milestone never created),
 * which makes a projection stop, visibly, rather than drop the event.
 */
public final class ActivityFold {

    private ActivityFold() {
    }

    /**
     * The state after {@code event}, recorded with sequence number {@code seq}.
     *
     * @param before the state before it; {@code null} only for the activity's first event
     */
    public static ActivityState apply(ActivityState before, ActivityEvent event, long seq) {
        return event.accept(new Step(before, seq));
    }

    /** The state after a whole history, applied in the order given (sequence numbers 0, 1, 2 …). */
    public static ActivityState fold(List<? extends ActivityEvent> events) {
        ActivityState state = null;
        long seq = 0;
        for (ActivityEvent event : events) {
            state = apply(state, event, seq++);
        }
        return state;
    }

    private record Step(ActivityState before, long seq) implements ActivityEvent.Visitor<ActivityState> {

        @Override
        public ActivityState on(ActivityRegistered event) {
            if (before != null) {
                throw new IllegalStateException(event.activityId() + " is registered twice");
            }
            return new ActivityState(event.activityId(), event.planId(), event.code(), event.section(), event.title(),
                    event.products(), event.timeline(), event.notes(), null, List.of(), List.of(), false, seq);
        }

        @Override
        public ActivityState on(MilestoneScheduled event) {
            ActivityState state = existing(event.activityId());
            if (state.milestone(event.milestoneId()).isPresent()) {
                throw new IllegalStateException(event.activityId() + " schedules " + event.milestoneId() + " twice");
            }
            List<MilestoneState> milestones = new ArrayList<>(state.milestones());
            milestones.add(new MilestoneState(event.milestoneId(), event.product(), event.printed(), event.rule(),
                    event.due(), event.due(), null, null, null));
            milestones.sort(java.util.Comparator.comparingInt(MilestoneState::position));
            return state.withMilestones(milestones, seq);
        }

        @Override
        public ActivityState on(ActivityAssigned event) {
            return existing(event.activityId())
                    .withAssignment(new Assignment(event.lead(), event.jointLeads(), event.coordinators()), seq);
        }

        @Override
        public ActivityState on(DeadlineRescheduled event) {
            return milestone(event.activityId(), event.milestoneId(), m -> new MilestoneState(m.id(), m.product(),
                    m.printed(), m.rule(), m.originalDue(), event.newDue(), m.triggeredOn(), m.completedOn(),
                    m.completedOnTime()));
        }

        @Override
        public ActivityState on(MilestoneTriggered event) {
            return milestone(event.activityId(), event.milestoneId(), m -> new MilestoneState(m.id(), m.product(),
                    m.printed(), m.rule(), m.originalDue() != null ? m.originalDue() : event.due(), event.due(),
                    event.occurredOn(), m.completedOn(), m.completedOnTime()));
        }

        @Override
        public ActivityState on(ReportSubmitted event) {
            ActivityState state = existing(event.activityId());
            List<ReportState> reports = new ArrayList<>(state.reports());
            reports.add(new ReportState(event.reportId(), event.agency(), event.milestoneId(), event.period(),
                    event.summary(), event.documentNumber(), event.sentOn(), event.dueInForce(), event.onTime(), seq,
                    event.answers(), null, null, null));
            return state.withReports(reports, seq);
        }

        @Override
        public ActivityState on(AgencyUrged event) {
            ActivityState state = existing(event.activityId());
            for (AgencyUrged.UrgedMilestone m : event.milestones()) {
                if (state.milestone(m.milestoneId()).isEmpty()) {
                    throw new IllegalStateException(event.activityId() + " has no milestone " + m.milestoneId());
                }
            }
            List<NoticeState> notices = new ArrayList<>(state.notices());
            notices.add(new NoticeState(event.agency(), event.documentNumber(), event.sentOn(), event.milestones(), seq));
            return state.withNotices(notices, seq);
        }

        @Override
        public ActivityState on(ReportReviewed event) {
            ActivityState state = existing(event.activityId());
            if (state.report(event.reportId()).isEmpty()) {
                throw new IllegalStateException(event.activityId() + " has no report " + event.reportId());
            }
            return state.withReports(state.reports().stream().map(r -> !r.reportId().equals(event.reportId()) ? r
                    : new ReportState(r.reportId(), r.agency(), r.milestoneId(), r.period(), r.summary(),
                            r.documentNumber(), r.sentOn(), r.dueInForce(), r.onTime(), r.seq(), r.answers(),
                            event.outcome(), event.reason(), event.reviewedOn())).toList(), seq);
        }

        @Override
        public ActivityState on(MilestoneCompleted event) {
            return milestone(event.activityId(), event.milestoneId(), m -> new MilestoneState(m.id(), m.product(),
                    m.printed(), m.rule(), m.originalDue(), m.due(), m.triggeredOn(), event.completedOn(),
                    event.onTime()));
        }

        @Override
        public ActivityState on(ActivityCancelled event) {
            return existing(event.activityId()).withCancelled(seq);
        }

        @Override
        public ActivityState on(ActivityAmended event) {
            return existing(event.activityId()).withText(event.title(), event.products(), event.timeline(), seq);
        }

        @Override
        public ActivityState on(MilestoneWithdrawn event) {
            ActivityState state = existing(event.activityId());
            MilestoneState withdrawn = state.milestone(event.milestoneId()).orElseThrow(() -> new IllegalStateException(
                    event.activityId() + " withdraws " + event.milestoneId() + ", which its timeline does not name"));
            return state.withWithdrawn(withdrawn, seq);
        }

        private ActivityState existing(String activityId) {
            if (before == null) {
                throw new IllegalStateException("event for " + activityId + " before the activity was registered");
            }
            return before;
        }

        private ActivityState milestone(String activityId, String milestoneId, UnaryOperator<MilestoneState> change) {
            ActivityState state = existing(activityId);
            if (state.milestone(milestoneId).isEmpty()) {
                throw new IllegalStateException(activityId + " has no milestone " + milestoneId);
            }
            return state.withMilestones(state.milestones().stream()
                    .map(m -> m.id().equals(milestoneId) ? change.apply(m) : m).toList(), seq);
        }
    }
}
