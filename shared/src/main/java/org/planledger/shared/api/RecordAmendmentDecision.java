package org.planledger.shared.api;

import java.time.LocalDate;
import java.util.List;

/**
 * Record a decision amending a plan (number and date, in force from {@code effectiveOn}, with its summary) and every
 * change it makes, all of them or none. {@code expectedVersion} is the plan's version the decision is based on.
 */
public record RecordAmendmentDecision(
        String planId,
        Long expectedVersion,
        DocumentRef decision,
        LocalDate effectiveOn,
        String summary,
        List<AmendmentChange> changes) {
}
