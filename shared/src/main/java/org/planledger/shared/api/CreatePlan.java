package org.planledger.shared.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a new plan, adopted by the given decision. */
public record CreatePlan(@TargetAggregateIdentifier String planId, String title, int year, DocumentRef decision) {
}
