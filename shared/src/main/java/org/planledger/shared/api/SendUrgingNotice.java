package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Record an urging notice (công văn đôn đốc) sent to an agency about milestones of its activities (it must lead or
 * coordinate each, directly or through a group). All of it is recorded or nothing: one {@link AgencyUrged} per
 * activity named.
 *
 * @param agencyGroups the groups of the directory the agency belongs to
 * @param milestones   the milestones the notice names, each by activity and milestone id
 * @param recordedOn   the day the ledger records the notice (the caller's clock), to refuse one dated later
 */
public record SendUrgingNotice(
        String planId,
        AgencyRef agency,
        Set<String> agencyGroups,
        String documentNumber,
        LocalDate sentOn,
        List<NamedMilestone> milestones,
        LocalDate recordedOn) {

    /** A milestone by the activity's code in the plan and its id; {@code field} names it in a refusal. */
    public record NamedMilestone(String code, String milestoneId, String field) {
    }
}
