package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A fact that a plan was opened, adopted by a decision. */
@Revision("1")
public record PlanCreated(String planId, String title, int year, DocumentRef decision) implements PlanEvent {

    /**
     * The day a plan is in force from: the date of the decision adopting it; a decision recorded without its date (as
     * the Sơn La decision is printed) leaves the plan in force from 1 January of its year. Its activities are in force
     * from the same day unless registered with an {@code effectiveOn} of their own.
     */
    public static LocalDate inForceFrom(int year, DocumentRef decision) {
        return decision != null && decision.date() != null ? decision.date() : LocalDate.of(year, 1, 1);
    }

    @Override
    public <R> R accept(PlanEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
