package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add an activity to a plan. Its milestones are read from the printed timeline text, one per product where the
 * text gives one due date per product. The activity is in force from {@code effectiveOn}; when that is null, from the
 * day its plan is in force ({@link PlanCreated#inForceFrom}), as an activity imported with its plan.
 */
public record RegisterActivity(
        @TargetAggregateIdentifier String planId,
        String code,
        String section,
        String title,
        List<String> products,
        String timeline,
        String notes,
        LocalDate effectiveOn) {

    /** An activity in force from its plan's start. */
    public RegisterActivity(String planId, String code, String section, String title, List<String> products,
                            String timeline, String notes) {
        this(planId, code, section, title, products, timeline, notes, null);
    }
}
