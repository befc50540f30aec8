package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Change an activity's printed title, products or timeline text, for a reason, on a legal basis, in force from a date.
 * A field left null keeps its current value; the milestones are read again from the timeline that results, with
 * {@code planYear} for a month or quarter printed without a year.
 */
public record AmendActivity(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        String title,
        List<String> products,
        String timeline,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn,
        int planYear) implements VersionedCommand {
}
