package org.planledger.shared.api;

import java.time.LocalDate;
import org.planledger.shared.timeline.DueRule;
import org.axonframework.serialization.Revision;

/**
 * A fact that an activity has a milestone: the product it delivers, the printed text it was read from, its due
 * rule and, where the rule fixes one, its due date.
 */
@Revision("1")
public record MilestoneScheduled(
        String activityId,
        String milestoneId,
        String product,
        String printed,
        DueRule rule,
        LocalDate due) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
