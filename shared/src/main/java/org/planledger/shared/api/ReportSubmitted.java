package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A fact that an agency sent a report on an activity; {@code dueInForce} is the milestone's due date when the report
 * arrived and {@code onTime} the outcome of comparing the two (true when nothing was due).
 */
@Revision("1")
public record ReportSubmitted(
        String activityId,
        String reportId,
        AgencyRef agency,
        String milestoneId,
        String period,
        String summary,
        String documentNumber,
        LocalDate sentOn,
        LocalDate dueInForce,
        boolean onTime) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
