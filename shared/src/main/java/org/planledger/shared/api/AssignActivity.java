package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Give an activity its lead agency and coordinating agencies (groups allowed). {@code jointLeads} are further
 * agencies that lead together with {@code lead}, where the plan names several in its lead cell (e.g. VII.5).
 */
public record AssignActivity(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        AgencyRef lead,
        List<AgencyRef> jointLeads,
        List<AgencyRef> coordinators,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) implements VersionedCommand {

    public AssignActivity {
        jointLeads = jointLeads == null ? List.of() : List.copyOf(jointLeads);
        coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
    }
}
