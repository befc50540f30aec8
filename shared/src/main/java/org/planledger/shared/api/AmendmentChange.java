package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;

/**
 * One change an amendment decision makes, to the activity {@code code}: which fields it uses depends on its kind.
 * {@code ADD}: section, title, products, timeline (and optionally lead, jointLeads, coordinators). {@code CANCEL}:
 * reason. {@code AMEND}: title, products, timeline (any of them). {@code REASSIGN}: lead, jointLeads, coordinators.
 * {@code RESCHEDULE}: milestoneId, newDue. A reason left out is the decision's summary.
 */
public record AmendmentChange(
        Kind kind,
        String code,
        String section,
        String title,
        List<String> products,
        String timeline,
        String milestoneId,
        LocalDate newDue,
        AgencyRef lead,
        List<AgencyRef> jointLeads,
        List<AgencyRef> coordinators,
        String reason) {

    public enum Kind { ADD, CANCEL, AMEND, REASSIGN, RESCHEDULE }
}
