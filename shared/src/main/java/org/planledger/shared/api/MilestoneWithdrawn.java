package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A fact that a milestone no longer stands in the activity's amended timeline: it is withdrawn (kept, with its
 * history, never deleted), with the due date it had, the reason and basis of the amendment and the date it is in force
 * from.
 */
@Revision("1")
public record MilestoneWithdrawn(
        String activityId,
        String milestoneId,
        LocalDate dueInForce,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
