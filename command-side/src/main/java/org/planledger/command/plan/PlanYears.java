package org.planledger.command.plan;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.PlanCreated;
import org.springframework.stereotype.Component;

/**
 * The year of a plan, read from its first event: what a timeline's month or quarter printed without a year belongs
 * to. A plan's year never changes, so reading it before a command is sent cannot race with another change.
 */
@Component
public class PlanYears {

    private final EventStore events;

    PlanYears(EventStore events) {
        this.events = events;
    }

    public int of(String planId) {
        // from sequence 0, never from a snapshot (readEvents(id) starts at the latest one)
        return events.readEvents(planId, 0).asStream().findFirst()
                .map(first -> first.getPayload() instanceof PlanCreated created ? created.year() : null)
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists",
                        "no plan " + planId));
    }
}
