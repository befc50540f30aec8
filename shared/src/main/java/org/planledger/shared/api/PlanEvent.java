package org.planledger.shared.api;

/** A fact recorded on a plan aggregate (its identifier is the plan id). */
public sealed interface PlanEvent extends LedgerEvent permits PlanCreated, ActivityAddedToPlan, AmendmentDecided {

    String planId();

    <R> R accept(Visitor<R> visitor);

    /** One method per plan event type; implementing it means handling every one of them. */
    interface Visitor<R> {

        R on(PlanCreated event);

        R on(ActivityAddedToPlan event);

        R on(AmendmentDecided event);
    }
}
