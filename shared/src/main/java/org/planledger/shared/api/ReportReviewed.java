package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A fact that a plan keeper accepted a report or returned it to its agency ({@code reason} says why it was
 * returned; it may be empty for an accepted one), on {@code reviewedOn}.
 */
@Revision("1")
public record ReportReviewed(String activityId, String reportId, ReviewOutcome outcome, String reason,
        LocalDate reviewedOn) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
