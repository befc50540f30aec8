package org.planledger.shared.api;

import java.util.Set;

/**
 * The agency an agency officer acts for, with the directory groups it belongs to. Commands an officer may send carry
 * it so the aggregate can refuse an officer whose agency neither leads nor coordinates the activity, directly or
 * through a group. Commands from users not bound to an agency carry none ({@code null}).
 */
public record ActingAgency(String agencyId, Set<String> groupIds) {

    public ActingAgency {
        groupIds = groupIds == null ? Set.of() : Set.copyOf(groupIds);
    }

    /** Whether this agency, or a group it belongs to, is one of the given participants. */
    public boolean isAmong(java.util.Collection<String> participantIds) {
        return participantIds.stream().anyMatch(id -> id.equals(agencyId) || groupIds.contains(id));
    }
}
