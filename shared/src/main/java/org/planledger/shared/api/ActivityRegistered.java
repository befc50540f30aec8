package org.planledger.shared.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A fact that an activity was registered with its printed title, products, timeline text and notes. */
@Revision("1")
public record ActivityRegistered(
        String activityId,
        String planId,
        String code,
        String section,
        String title,
        List<String> products,
        String timeline,
        String notes) implements ActivityEvent {

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
