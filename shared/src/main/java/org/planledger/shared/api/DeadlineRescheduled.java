package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A fact that a milestone's due date moved from one date to another, in force from a date, on a basis. */
@Revision("1")
public record DeadlineRescheduled(
        String activityId,
        String milestoneId,
        LocalDate previousDue,
        LocalDate newDue,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
