package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A fact that an activity got its lead (with any joint leads) and coordinating agencies; the previous ones are kept
 * so that the change reads as before → after. Absent lists read as empty.
 */
@Revision("1")
public record ActivityAssigned(
        String activityId,
        AgencyRef lead,
        List<AgencyRef> jointLeads,
        List<AgencyRef> coordinators,
        AgencyRef previousLead,
        List<AgencyRef> previousJointLeads,
        List<AgencyRef> previousCoordinators,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) implements ActivityEvent {

    public ActivityAssigned {
        jointLeads = jointLeads == null ? List.of() : List.copyOf(jointLeads);
        coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
        previousJointLeads = previousJointLeads == null ? List.of() : List.copyOf(previousJointLeads);
        previousCoordinators = previousCoordinators == null ? List.of() : List.copyOf(previousCoordinators);
    }

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
