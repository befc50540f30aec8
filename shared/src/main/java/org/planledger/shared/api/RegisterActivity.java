package org.planledger.shared.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add an activity to a plan. Its milestones are read from the printed timeline text, one per product where the
 * text gives one due date per product.
 */
public record RegisterActivity(
        @TargetAggregateIdentifier String planId,
        String code,
        String section,
        String title,
        List<String> products,
        String timeline,
        String notes) {
}
