package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A fact that a milestone's product was delivered on a date, on time or not against the due date in force. */
@Revision("1")
public record MilestoneCompleted(
        String activityId,
        String milestoneId,
        LocalDate completedOn,
        String note,
        LocalDate dueInForce,
        boolean onTime) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
