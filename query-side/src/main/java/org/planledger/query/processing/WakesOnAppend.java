package org.planledger.query.processing;

/**
 * A reader of the event store that looks again at once when {@link EventPush} hears that events were appended,
 * instead of at its next poll.
 */
public interface WakesOnAppend {

    /** Events were committed to the store, by this or another process. Called on the listener's thread: must not block. */
    void eventsAppended();
}
