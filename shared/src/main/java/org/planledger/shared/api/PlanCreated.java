package org.planledger.shared.api;

import org.axonframework.serialization.Revision;

/** A fact that a plan was opened, adopted by a decision. */
@Revision("1")
public record PlanCreated(String planId, String title, int year, DocumentRef decision) implements PlanEvent {

    @Override
    public <R> R accept(PlanEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
