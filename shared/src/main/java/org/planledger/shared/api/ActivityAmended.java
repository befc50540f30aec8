package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A fact that an activity's printed title, products and timeline text were amended: the values in force after it and
 * before it (a field not amended is the same in both), with reason, basis and the date it is in force from. The
 * milestones the new text names are the events that follow it ({@link MilestoneScheduled}, {@link MilestoneWithdrawn}).
 */
@Revision("1")
public record ActivityAmended(
        String activityId,
        String title,
        List<String> products,
        String timeline,
        String previousTitle,
        List<String> previousProducts,
        String previousTimeline,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
