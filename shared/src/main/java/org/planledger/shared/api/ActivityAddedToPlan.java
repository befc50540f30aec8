package org.planledger.shared.api;

import org.axonframework.serialization.Revision;

/** A fact that the plan now lists an activity under this code (codes are unique within a plan). */
@Revision("1")
public record ActivityAddedToPlan(String planId, String code, String activityId) implements PlanEvent {

    @Override
    public <R> R accept(PlanEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
