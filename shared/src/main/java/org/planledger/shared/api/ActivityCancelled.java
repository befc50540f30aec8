package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A fact that an activity was withdrawn from the plan, with reason and basis. */
@Revision("1")
public record ActivityCancelled(String activityId, String reason, DocumentRef basis, LocalDate effectiveOn)
        implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
