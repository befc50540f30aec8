package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Record that the outside event a triggered milestone waits for happened ("sau khi Chính phủ ban hành Nghị quyết"),
 * on a date, as shown by a source document: this fixes the milestone's due date.
 */
public record RecordTrigger(
        @TargetAggregateIdentifier String activityId,
        @TargetAggregateVersion Long expectedVersion,
        String milestoneId,
        LocalDate occurredOn,
        DocumentRef source,
        String note) implements VersionedCommand {
}
