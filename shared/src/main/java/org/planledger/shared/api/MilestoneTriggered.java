package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A fact that the outside event a milestone waited for happened on {@code occurredOn} (shown by {@code source}), which
 * fixed the milestone's due date to {@code due} (the trigger date plus the printed offset).
 */
@Revision("1")
public record MilestoneTriggered(
        String activityId,
        String milestoneId,
        LocalDate occurredOn,
        DocumentRef source,
        String note,
        LocalDate previousDue,
        LocalDate due) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
