package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A fact that an urging notice (công văn đôn đốc, {@code documentNumber}, sent on {@code sentOn}) reached an agency
 * that leads or coordinates the activity, naming some of its milestones; one event per activity the notice names.
 * Each milestone carries its due date in force when the notice was sent and whether it was already overdue then.
 */
@Revision("1")
public record AgencyUrged(String activityId, AgencyRef agency, String documentNumber, LocalDate sentOn,
        List<UrgedMilestone> milestones) implements ActivityEvent {

    public AgencyUrged {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /** A milestone a notice names: its due date in force when the notice was sent, and whether it was past. */
    public record UrgedMilestone(String milestoneId, LocalDate dueInForce, boolean overdue) {
    }

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
