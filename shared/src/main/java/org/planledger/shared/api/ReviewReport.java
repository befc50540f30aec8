package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * A plan keeper accepts a report submitted on an activity, or returns it to its agency with a reason (required
 * then). A report is reviewed once; a returned one is answered by a new submission that names it
 * ({@link SubmitReport#answers()}).
 *
 * @param reviewedOn the day the ledger records the review (the caller's clock)
 */
public record ReviewReport(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        String reportId,
        ReviewOutcome outcome,
        String reason,
        LocalDate reviewedOn) implements VersionedCommand {
}
