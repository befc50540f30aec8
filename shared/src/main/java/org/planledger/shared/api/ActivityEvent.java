package org.planledger.shared.api;

/** A fact recorded on an activity aggregate (its identifier is {@link ActivityId#of the activity id}). */
public sealed interface ActivityEvent extends LedgerEvent
        permits ActivityRegistered, MilestoneScheduled, ActivityAssigned, DeadlineRescheduled, MilestoneTriggered,
        ReportSubmitted, MilestoneCompleted, ActivityCancelled, ActivityAmended, MilestoneWithdrawn, ReportReviewed,
        AgencyUrged {

    String activityId();

    <R> R accept(Visitor<R> visitor);

    /** One method per activity event type; implementing it means handling every one of them. */
    interface Visitor<R> {

        R on(ActivityRegistered event);

        R on(MilestoneScheduled event);

        R on(ActivityAssigned event);

        R on(DeadlineRescheduled event);

        R on(MilestoneTriggered event);

        R on(ReportSubmitted event);

        R on(MilestoneCompleted event);

        R on(ActivityCancelled event);

        R on(ActivityAmended event);

        R on(MilestoneWithdrawn event);

        R on(ReportReviewed event);

        R on(AgencyUrged event);
    }
}
