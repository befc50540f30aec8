package org.planledger.shared.api;

import java.time.LocalDate;

/** A fact that an activity was withdrawn from the plan, with reason and basis. */
public record ActivityCancelled(String activityId, String reason, DocumentRef basis, LocalDate effectiveOn)
        implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
