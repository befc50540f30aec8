package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A fact that a decision amended the plan: its number and date, the date it is in force from, its summary and the
 * changes it made, in order (each change's own events follow this one, in the same transaction, and name the
 * decision as their basis and in their metadata).
 */
@Revision("1")
public record AmendmentDecided(
        String planId,
        DocumentRef decision,
        LocalDate effectiveOn,
        String summary,
        List<Line> changes) implements PlanEvent {

    /** One change as decided: its kind, the activity, the milestone where it names one, and what it says. */
    public record Line(String kind, String code, String milestoneId, String what) {
    }

    @Override
    public <R> R accept(PlanEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
