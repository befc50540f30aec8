package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;

/**
 * A fact that an activity got its lead and coordinating agencies; the previous ones are kept so that the change
 * reads as before → after.
 */
public record ActivityAssigned(
        String activityId,
        AgencyRef lead,
        List<AgencyRef> coordinators,
        AgencyRef previousLead,
        List<AgencyRef> previousCoordinators,
        String reason,
        DocumentRef basis,
        LocalDate effectiveOn) {
}
