package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Give an activity its lead agency and coordinating agencies (groups allowed). */
public record AssignActivity(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        AgencyRef lead,
        List<AgencyRef> coordinators,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) {
}
