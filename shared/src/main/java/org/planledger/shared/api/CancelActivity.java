package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Withdraw an activity from the plan. */
public record CancelActivity(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) implements VersionedCommand {
}
