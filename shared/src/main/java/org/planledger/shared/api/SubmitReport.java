package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * An agency reports on an activity, for a milestone or for a reporting period.
 *
 * @param agencyGroups the groups of the directory the reporting agency belongs to, so that a member of a
 *                     coordinating group may report
 * @param receivedOn   the day the ledger received the report (the caller's clock), to refuse reports dated later
 * @param actingAgency the officer's agency when an agency officer sends it (must lead or coordinate the activity),
 *                     {@code null} otherwise
 * @param answers      the id of the returned report this one answers, or {@code null}
 */
public record SubmitReport(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        AgencyRef agency,
        Set<String> agencyGroups,
        String milestoneId,
        String period,
        String summary,
        String documentNumber,
        LocalDate sentOn,
        LocalDate receivedOn,
        ActingAgency actingAgency,
        String answers) implements VersionedCommand {

    /** A report that answers no returned report. */
    public SubmitReport(String activityId, Long expectedVersion, AgencyRef agency, Set<String> agencyGroups,
            String milestoneId, String period, String summary, String documentNumber, LocalDate sentOn,
            LocalDate receivedOn, ActingAgency actingAgency) {
        this(activityId, expectedVersion, agency, agencyGroups, milestoneId, period, summary, documentNumber, sentOn,
                receivedOn, actingAgency, null);
    }
}
