package org.planledger.query.support;

/**
 * A reader of the event store that looks again at once when the push ({@code processing.EventPush}) hears that events
 * were appended, instead of at its next poll.
 */
public interface WakesOnAppend {

    /** Events were committed to the store, by this or another process. Called on the listener's thread: must not block. */
    void eventsAppended();
}
