package org.planledger.shared.fold;

import java.time.LocalDate;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityAmended;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyUrged;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerEvent;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.MilestoneWithdrawn;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.PlanEvent;
import org.planledger.shared.api.ReportReviewed;
import org.planledger.shared.api.ReportSubmitted;

/**
 * What an event says of itself about when and why, where its payload says it: the date it is in force from, the
 * reason and the legal basis (the metadata holds them for the rest). One entry per event type.
 *
 * @param effectiveOn the date the payload states the change is in force from, or null
 * @param reason      the reason stated in the payload, or null
 * @param basis       the document the change rests on, or null
 */
public record EventFacts(LocalDate effectiveOn, String reason, DocumentRef basis) {

    private static final EventFacts NONE = new EventFacts(null, null, null);

    public static EventFacts of(LedgerEvent event) {
        if (event instanceof ActivityEvent activityEvent) {
            return activityEvent.accept(ACTIVITY);
        }
        return ((PlanEvent) event).accept(PLAN);
    }

    private static final PlanEvent.Visitor<EventFacts> PLAN = new PlanEvent.Visitor<>() {
        @Override
        public EventFacts on(PlanCreated e) {
            return new EventFacts(e.decision() == null ? null : e.decision().date(), null, e.decision());
        }

        @Override
        public EventFacts on(ActivityAddedToPlan e) {
            return NONE;
        }

        @Override
        public EventFacts on(AmendmentDecided e) {
            return new EventFacts(e.effectiveOn(), e.summary(), e.decision());
        }
    };

    private static final ActivityEvent.Visitor<EventFacts> ACTIVITY = new ActivityEvent.Visitor<>() {
        @Override
        public EventFacts on(ActivityRegistered e) {
            return NONE;
        }

        @Override
        public EventFacts on(MilestoneScheduled e) {
            return NONE;
        }

        @Override
        public EventFacts on(ActivityAssigned e) {
            return new EventFacts(e.effectiveOn(), e.reason(), e.basis());
        }

        @Override
        public EventFacts on(DeadlineRescheduled e) {
            return new EventFacts(e.effectiveOn(), e.reason(), e.basis());
        }

        @Override
        public EventFacts on(MilestoneTriggered e) {
            return new EventFacts(null, e.note(), e.source());
        }

        @Override
        public EventFacts on(ReportSubmitted e) {
            return NONE;
        }

        @Override
        public EventFacts on(MilestoneCompleted e) {
            return new EventFacts(null, e.note(), null);
        }

        @Override
        public EventFacts on(ActivityCancelled e) {
            return new EventFacts(e.effectiveOn(), e.reason(), e.basis());
        }

        @Override
        public EventFacts on(ActivityAmended e) {
            return new EventFacts(e.effectiveOn(), e.reason(), e.basis());
        }

        @Override
        public EventFacts on(MilestoneWithdrawn e) {
            return new EventFacts(e.effectiveOn(), e.reason(), e.basis());
        }

        @Override
        public EventFacts on(ReportReviewed e) {
            return new EventFacts(e.reviewedOn(), e.reason(), null);
        }

        @Override
        public EventFacts on(AgencyUrged e) {
            return new EventFacts(e.sentOn(), null, new DocumentRef(e.documentNumber(), e.sentOn()));
        }
    };
}
