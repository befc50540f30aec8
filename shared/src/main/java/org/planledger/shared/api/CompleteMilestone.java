package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Record that a milestone's product was delivered on a date (not later than the day it is recorded).
 *
 * @param actingAgency the officer's agency when an agency officer sends it (must lead or coordinate the activity),
 *                     {@code null} otherwise
 */
public record CompleteMilestone(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        String milestoneId,
        LocalDate completedOn,
        String note,
        LocalDate receivedOn,
        ActingAgency actingAgency) implements VersionedCommand {
}
