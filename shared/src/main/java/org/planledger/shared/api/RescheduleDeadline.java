package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Move a milestone's due date, for a reason, on a legal basis, in force from a date. */
public record RescheduleDeadline(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        String milestoneId,
        LocalDate newDue,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) implements VersionedCommand {
}
