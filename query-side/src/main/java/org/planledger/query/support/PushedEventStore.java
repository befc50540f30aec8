package org.planledger.query.support;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, woken by {@link org.planledger.query.processing.EventPush} when another process
 * appended events. Its producer thread waits up to the fetch delay between reads of the storage engine; Axon itself
 * cuts that wait short only after a commit in this process ({@code afterCommit} → the producer's
 * {@code fetchIfWaiting}), which is what this reuses for commits anywhere. The tracking processors wait on the
 * producer (their {@code eventAvailabilityTimeout}), so they see the events as soon as it has read them.
 */
class PushedEventStore extends EmbeddedEventStore implements WakesOnAppend {

    PushedEventStore(Builder builder) {
        super(builder);
    }

    @Override
    public void eventsAppended() {
        afterCommit(List.of());
    }

    @Override
    public String toString() {
        return "PushedEventStore";
    }
}
